// The content_runs table on PostgreSQL, with the daily totals the content report reads. Adding is
// idempotent on (piece, worker, start); a run stored now adds to its day's totals (by status — a
// review's settlement filed as `settled` —, by worker and model, and the stages' latency buckets) in
// the same transaction, in key order so concurrent workers do not deadlock. Reads as
// store/content-run-table.ts and store/content-report-queries.ts.
import type { ContentRunRecord, ContentRunListOptions } from '../content-run-records.js';
import type { ContentRunNewestOptions, ContentRunRow, ContentRunTable } from '../content-run-table.js';
import { toRecord } from '../content-run-table.js';
import type { ContentDayReviewTotals, ContentDayStatusTotals, ContentReportPeriod, ContentReportTotals, ContentWorkerTotals } from '../content-report-records.js';
import { stageLatencies, withoutNulls } from '../content-report-queries.js';
import type { RecentRow } from '../content-report-queries.js';
import type { HistogramBucket } from '../latency-histogram.js';
import type { AsyncMethods } from '../store-backend.js';
import { inTransaction, retryingConflicts, rows } from './queryable.js';
import type { Connections } from './queryable.js';
import type { Queryable } from './queryable.js';

const columns =
  'piece_id AS "pieceId", topic, worker_id AS "workerId", started_at AS "startedAt", finished_at AS "finishedAt", status, reason, confidence, ' +
  'claims_checked AS "claimsChecked", claims_supported AS "claimsSupported", cost_usd AS "costUsd", workers, stage_latency_ms AS "stageLatencyMs", ' +
  'stages_run AS "stagesRun", review_id AS "reviewId", trace_id AS "traceId"';

const defaultListLimit = 1_000;
const defaultRecentLimit = 50;
const millisecondsPerDay = 86_400_000;
const byText = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0);

/** The UTC day a time falls on, `YYYY-MM-DD`. */
function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** store/content-totals-migration.ts's buckets: round(ln ms / ln 1.02), -1 under 1 ms. */
function latencyBucket(ms: number): number {
  return ms < 1 ? -1 : Math.round(Math.log(ms) / Math.log(1.02));
}

/** A review's settlement (published or ready with a review id) is filed apart from the pieces. */
function totalsStatus(record: ContentRunRecord): string {
  return record.reviewId !== undefined && (record.status === 'published' || record.status === 'ready') ? 'settled' : record.status;
}

async function addTotals(client: Queryable, record: ContentRunRecord): Promise<void> {
  const day = utcDay(record.finishedAt);
  const checked = (record.claimsChecked ?? 0) > 0;
  await client.query(
    `INSERT INTO content_day_totals (day, status, runs, cost_usd, checked_runs, claims_checked, claims_supported) VALUES ($1, $2, 1, $3, $4, $5, $6)
     ON CONFLICT (day, status) DO UPDATE SET runs = content_day_totals.runs + 1, cost_usd = content_day_totals.cost_usd + excluded.cost_usd,
       checked_runs = content_day_totals.checked_runs + excluded.checked_runs, claims_checked = content_day_totals.claims_checked + excluded.claims_checked,
       claims_supported = content_day_totals.claims_supported + excluded.claims_supported`,
    [day, totalsStatus(record), record.costUsd, checked ? 1 : 0, checked ? record.claimsChecked! : 0, checked ? (record.claimsSupported ?? 0) : 0],
  );
  const workers = Object.entries(record.workers).sort(([left, leftWorker], [right, rightWorker]) => byText(left, right) || byText(leftWorker.model ?? '', rightWorker.model ?? ''));
  for (const [name, worker] of workers) {
    await client.query(
      `INSERT INTO content_day_worker_totals (day, worker, model, runs, model_calls, tool_calls, input_tokens, output_tokens, cost_usd, unpriced_runs)
       VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (day, worker, model) DO UPDATE SET runs = content_day_worker_totals.runs + 1,
         model_calls = content_day_worker_totals.model_calls + excluded.model_calls, tool_calls = content_day_worker_totals.tool_calls + excluded.tool_calls,
         input_tokens = content_day_worker_totals.input_tokens + excluded.input_tokens, output_tokens = content_day_worker_totals.output_tokens + excluded.output_tokens,
         cost_usd = content_day_worker_totals.cost_usd + excluded.cost_usd, unpriced_runs = content_day_worker_totals.unpriced_runs + excluded.unpriced_runs`,
      [day, name, worker.model ?? '', worker.modelCalls ?? 0, worker.toolCalls ?? 0, worker.inputTokens ?? 0, worker.outputTokens ?? 0, worker.costUsd ?? 0, worker.costUsd == null ? 1 : 0],
    );
  }
  const stages = Object.entries(record.stageLatencyMs).filter(([, ms]) => typeof ms === 'number' && Number.isFinite(ms)).sort(([left], [right]) => byText(left, right));
  for (const [stage, ms] of stages) {
    await client.query(
      `INSERT INTO content_day_stage_latencies (day, stage, bucket, runs) VALUES ($1, $2, $3, 1)
       ON CONFLICT (day, stage, bucket) DO UPDATE SET runs = content_day_stage_latencies.runs + 1`,
      [day, stage, latencyBucket(ms)],
    );
  }
}

export class PostgresContentRunTable implements AsyncMethods<ContentRunTable> {
  constructor(private readonly pool: Connections) {}

  /** A run already recorded (same piece, worker and start) is kept as it was, and counted once. */
  async add(record: ContentRunRecord): Promise<void> {
    await retryingConflicts(() =>
      inTransaction(this.pool, async (client) => {
        const inserted = await client.query(
          `INSERT INTO content_runs (piece_id, topic, worker_id, started_at, finished_at, status, reason, confidence, claims_checked, claims_supported,
             cost_usd, workers, stage_latency_ms, stages_run, review_id, trace_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
           ON CONFLICT (piece_id, worker_id, started_at) DO NOTHING`,
          [
            record.pieceId, record.topic, record.workerId, record.startedAt, record.finishedAt, record.status, record.reason ?? null, record.confidence ?? null,
            record.claimsChecked ?? null, record.claimsSupported ?? null, record.costUsd, JSON.stringify(record.workers), JSON.stringify(record.stageLatencyMs),
            JSON.stringify(record.stagesRun), record.reviewId ?? null, record.traceId ?? null,
          ],
        );
        if (inserted.rowCount === 1) await addTotals(client, record);
      }),
    );
  }

  /** The runs finished in the period, oldest first. */
  async list(options: ContentRunListOptions = {}): Promise<ContentRunRecord[]> {
    const found = await rows<ContentRunRow>(
      this.pool,
      `SELECT ${columns} FROM content_runs WHERE finished_at >= $1 AND finished_at < $2 ORDER BY finished_at, id LIMIT $3`,
      [options.since ?? Number.MIN_SAFE_INTEGER, options.until ?? Number.MAX_SAFE_INTEGER, options.limit ?? defaultListLimit],
    );
    return found.map(toRecord);
  }

  /** The `limit` runs that finished last (since `since`, when given), newest first: read backwards along the finished_at index. */
  async newest(options: ContentRunNewestOptions): Promise<ContentRunRecord[]> {
    const found = await rows<ContentRunRow>(
      this.pool,
      `SELECT ${columns} FROM content_runs WHERE finished_at >= $1 ORDER BY finished_at DESC, id DESC LIMIT $2`,
      [options.since ?? Number.MIN_SAFE_INTEGER, options.limit],
    );
    return found.map(toRecord);
  }

  /** The piece's runs, in the order they finished. */
  async forPiece(pieceId: string): Promise<ContentRunRecord[]> {
    return (await rows<ContentRunRow>(this.pool, `SELECT ${columns} FROM content_runs WHERE piece_id = $1 ORDER BY finished_at, id`, [pieceId])).map(toRecord);
  }

  /** The content report's totals over whole UTC days. */
  async report(period: ContentReportPeriod): Promise<ContentReportTotals> {
    const days = [period.fromDay, period.toDay];
    const since = Date.parse(`${period.fromDay}T00:00:00Z`);
    const until = Date.parse(`${period.toDay}T00:00:00Z`) + millisecondsPerDay;
    const day = "to_char(to_timestamp(runs.finished_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
    const [byDayStatus, byDayReview, byWorker, buckets, recent] = await Promise.all([
      rows<ContentDayStatusTotals>(
        this.pool,
        `SELECT day, status, runs, cost_usd AS "costUsd", checked_runs AS "checkedRuns", claims_checked AS "claimsChecked", claims_supported AS "claimsSupported"
         FROM content_day_totals WHERE day >= $1 AND day <= $2 ORDER BY day, status`,
        days,
      ),
      // A run sent to review without a review row in the store (not yet added, or removed) is `missing`.
      rows<ContentDayReviewTotals>(
        this.pool,
        `SELECT ${day} COLLATE "C" AS day, COALESCE(reviews.status, 'missing') COLLATE "C" AS review, COUNT(*) AS runs,
           SUM(CASE WHEN COALESCE(runs.claims_checked, 0) > 0 THEN 1 ELSE 0 END) AS "checkedRuns",
           SUM(CASE WHEN runs.claims_checked > 0 THEN runs.claims_checked ELSE 0 END) AS "claimsChecked",
           SUM(CASE WHEN runs.claims_checked > 0 THEN COALESCE(runs.claims_supported, 0) ELSE 0 END) AS "claimsSupported"
         FROM content_runs AS runs LEFT JOIN reviews ON reviews.id = runs.review_id
         WHERE runs.status = 'in_review' AND runs.finished_at >= $1 AND runs.finished_at < $2
         GROUP BY 1, 2 ORDER BY 1, 2`,
        [since, until],
      ),
      rows<ContentWorkerTotals>(
        this.pool,
        `SELECT worker, model, SUM(runs) AS runs, SUM(model_calls) AS "modelCalls", SUM(tool_calls) AS "toolCalls", SUM(input_tokens) AS "inputTokens",
           SUM(output_tokens) AS "outputTokens", SUM(cost_usd) AS "costUsd", SUM(unpriced_runs) AS "unpricedRuns"
         FROM content_day_worker_totals WHERE day >= $1 AND day <= $2 GROUP BY worker, model ORDER BY worker, runs DESC, model`,
        days,
      ),
      rows<HistogramBucket & { stage: string }>(
        this.pool,
        'SELECT stage, bucket, SUM(runs) AS runs FROM content_day_stage_latencies WHERE day >= $1 AND day <= $2 GROUP BY stage, bucket ORDER BY stage, bucket',
        days,
      ),
      rows<RecentRow>(
        this.pool,
        `SELECT runs.piece_id AS "pieceId", runs.topic, runs.worker_id AS "workerId", runs.finished_at AS "finishedAt", runs.status, runs.reason, runs.confidence,
           runs.claims_checked AS "claimsChecked", runs.claims_supported AS "claimsSupported", runs.cost_usd AS "costUsd", runs.review_id AS "reviewId",
           CASE WHEN runs.review_id IS NULL THEN NULL ELSE COALESCE(reviews.status, 'missing') END AS review, runs.trace_id AS "traceId"
         FROM content_runs AS runs LEFT JOIN reviews ON reviews.id = runs.review_id
         WHERE runs.finished_at >= $1 AND runs.finished_at < $2 ORDER BY runs.finished_at DESC, runs.id DESC LIMIT $3`,
        [since, until, period.recentLimit ?? defaultRecentLimit],
      ),
    ]);
    return { byDayStatus, byDayReview, byWorker, stageLatency: stageLatencies(buckets), recent: recent.map(withoutNulls) };
  }
}
