// The content report's reads over a period of UTC days: the daily totals the trigger of migration 11
// keeps (by status, by worker and model, the stages' latency histograms), the period's in_review runs
// joined with their reviews (decided after the run, so never in the totals), and the newest runs. A
// year of 300 pieces a day is a few thousand total rows and the runs sent to review, not 110,000 JSON
// documents.
import type { Database } from 'better-sqlite3';
import type {
  ContentDayReviewTotals,
  ContentDayStatusTotals,
  ContentRecentRun,
  ContentReportPeriod,
  ContentReportTotals,
  ContentStageLatency,
  ContentWorkerTotals,
} from './content-report-records.js';
import { histogramPercentile } from './latency-histogram.js';
import type { HistogramBucket } from './latency-histogram.js';

const defaultRecentLimit = 50;
const millisecondsPerDay = 86_400_000;

export interface RecentRow {
  pieceId: string;
  topic: string;
  workerId: string;
  finishedAt: number;
  status: ContentRecentRun['status'];
  reason: string | null;
  confidence: number | null;
  claimsChecked: number | null;
  claimsSupported: number | null;
  costUsd: number;
  reviewId: string | null;
  review: ContentRecentRun['review'] | null;
  traceId: string | null;
}

export function withoutNulls<Row extends object>(row: Row): { [Key in keyof Row]: Exclude<Row[Key], null> } {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)) as { [Key in keyof Row]: Exclude<Row[Key], null> };
}

export class ContentReportQueries {
  private readonly selectDayTotals;
  private readonly selectReviewTotals;
  private readonly selectWorkerTotals;
  private readonly selectLatencyBuckets;
  private readonly selectRecent;

  constructor(database: Database) {
    this.selectDayTotals = database.prepare(
      `SELECT day, status, runs, cost_usd AS costUsd, checked_runs AS checkedRuns, claims_checked AS claimsChecked, claims_supported AS claimsSupported
       FROM content_day_totals WHERE day >= @fromDay AND day <= @toDay ORDER BY day, status`,
    );
    // A run sent to review without a review row in the store (not yet added, or removed) is `missing`.
    this.selectReviewTotals = database.prepare(
      `SELECT date(runs.finished_at / 1000, 'unixepoch') AS day, COALESCE(reviews.status, 'missing') AS review, COUNT(*) AS runs,
         SUM(COALESCE(runs.claims_checked, 0) > 0) AS checkedRuns,
         SUM(CASE WHEN runs.claims_checked > 0 THEN runs.claims_checked ELSE 0 END) AS claimsChecked,
         SUM(CASE WHEN runs.claims_checked > 0 THEN COALESCE(runs.claims_supported, 0) ELSE 0 END) AS claimsSupported
       FROM content_runs AS runs LEFT JOIN reviews ON reviews.id = runs.review_id
       WHERE runs.status = 'in_review' AND runs.finished_at >= @since AND runs.finished_at < @until
       GROUP BY day, review ORDER BY day, review`,
    );
    this.selectWorkerTotals = database.prepare(
      `SELECT worker, model, SUM(runs) AS runs, SUM(model_calls) AS modelCalls, SUM(tool_calls) AS toolCalls, SUM(input_tokens) AS inputTokens,
         SUM(output_tokens) AS outputTokens, SUM(cost_usd) AS costUsd, SUM(unpriced_runs) AS unpricedRuns
       FROM content_day_worker_totals WHERE day >= @fromDay AND day <= @toDay GROUP BY worker, model ORDER BY worker, runs DESC, model`,
    );
    this.selectLatencyBuckets = database.prepare(
      `SELECT stage, bucket, SUM(runs) AS runs FROM content_day_stage_latencies WHERE day >= @fromDay AND day <= @toDay GROUP BY stage, bucket ORDER BY stage, bucket`,
    );
    this.selectRecent = database.prepare(
      `SELECT runs.piece_id AS pieceId, runs.topic, runs.worker_id AS workerId, runs.finished_at AS finishedAt, runs.status, runs.reason, runs.confidence,
         runs.claims_checked AS claimsChecked, runs.claims_supported AS claimsSupported, runs.cost_usd AS costUsd, runs.review_id AS reviewId,
         CASE WHEN runs.review_id IS NULL THEN NULL ELSE COALESCE(reviews.status, 'missing') END AS review, runs.trace_id AS traceId
       FROM content_runs AS runs LEFT JOIN reviews ON reviews.id = runs.review_id
       WHERE runs.finished_at >= @since AND runs.finished_at < @until ORDER BY runs.finished_at DESC, runs.id DESC LIMIT @limit`,
    );
  }

  totals(period: ContentReportPeriod): ContentReportTotals {
    const days = { fromDay: period.fromDay, toDay: period.toDay };
    const times = { since: Date.parse(`${period.fromDay}T00:00:00Z`), until: Date.parse(`${period.toDay}T00:00:00Z`) + millisecondsPerDay };
    const buckets = this.selectLatencyBuckets.all(days) as Array<HistogramBucket & { stage: string }>;
    return {
      byDayStatus: this.selectDayTotals.all(days) as ContentDayStatusTotals[],
      byDayReview: this.selectReviewTotals.all(times) as ContentDayReviewTotals[],
      byWorker: this.selectWorkerTotals.all(days) as ContentWorkerTotals[],
      stageLatency: stageLatencies(buckets),
      recent: (this.selectRecent.all({ ...times, limit: period.recentLimit ?? defaultRecentLimit }) as RecentRow[]).map(withoutNulls),
    };
  }
}

export function stageLatencies(buckets: ReadonlyArray<HistogramBucket & { stage: string }>): ContentStageLatency[] {
  const byStage = new Map<string, HistogramBucket[]>();
  for (const entry of buckets) {
    const stageBuckets = byStage.get(entry.stage) ?? [];
    stageBuckets.push(entry);
    byStage.set(entry.stage, stageBuckets);
  }
  return [...byStage].map(([stage, stageBuckets]) => ({
    stage,
    runs: stageBuckets.reduce((sum, entry) => sum + entry.runs, 0),
    p50Ms: histogramPercentile(stageBuckets, 50),
    p95Ms: histogramPercentile(stageBuckets, 95),
  }));
}
