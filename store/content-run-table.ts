// The content_runs table: one row per finished run of a content piece by a worker. Adding is
// idempotent on (piece, worker, start), so a worker that records a run twice (or a settler that
// records the same publication twice) leaves one row.
import type { Database, Statement } from 'better-sqlite3';
import type { ContentRunListOptions, ContentRunRecord, ContentRunStatus, ContentRunWorker } from './content-run-records.js';
import { ContentReportQueries } from './content-report-queries.js';
import type { ContentReportPeriod, ContentReportTotals } from './content-report-records.js';

export interface ContentRunRow {
  pieceId: string;
  topic: string;
  workerId: string;
  startedAt: number;
  finishedAt: number;
  status: ContentRunStatus;
  reason: string | null;
  confidence: number | null;
  claimsChecked: number | null;
  claimsSupported: number | null;
  costUsd: number;
  workers: string;
  stageLatencyMs: string;
  stagesRun: string;
  reviewId: string | null;
  traceId: string | null;
}

const columns =
  'piece_id AS pieceId, topic, worker_id AS workerId, started_at AS startedAt, finished_at AS finishedAt, status, reason, confidence, ' +
  'claims_checked AS claimsChecked, claims_supported AS claimsSupported, cost_usd AS costUsd, workers, stage_latency_ms AS stageLatencyMs, ' +
  'stages_run AS stagesRun, review_id AS reviewId, trace_id AS traceId';

const defaultListLimit = 1_000;

export function toRecord(row: ContentRunRow): ContentRunRecord {
  return {
    pieceId: row.pieceId,
    topic: row.topic,
    workerId: row.workerId,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    status: row.status,
    ...(row.reason === null ? {} : { reason: row.reason }),
    ...(row.confidence === null ? {} : { confidence: row.confidence }),
    ...(row.claimsChecked === null ? {} : { claimsChecked: row.claimsChecked }),
    ...(row.claimsSupported === null ? {} : { claimsSupported: row.claimsSupported }),
    costUsd: row.costUsd,
    workers: JSON.parse(row.workers) as Record<string, ContentRunWorker>,
    stageLatencyMs: JSON.parse(row.stageLatencyMs) as Record<string, number>,
    stagesRun: JSON.parse(row.stagesRun) as string[],
    ...(row.reviewId === null ? {} : { reviewId: row.reviewId }),
    ...(row.traceId === null ? {} : { traceId: row.traceId }),
  };
}

export interface ContentRunNewestOptions {
  /** How many runs. */
  limit: number;
  /** finishedAt ≥ since. */
  since?: number;
}

export class ContentRunTable {
  private readonly insert: Statement;
  private readonly selectPeriod: Statement;
  private readonly selectNewest: Statement;
  private readonly selectForPiece: Statement<[string]>;
  private readonly reports: ContentReportQueries;

  constructor(database: Database) {
    this.insert = database.prepare(
      `INSERT INTO content_runs (piece_id, topic, worker_id, started_at, finished_at, status, reason, confidence, claims_checked, claims_supported,
         cost_usd, workers, stage_latency_ms, stages_run, review_id, trace_id)
       VALUES (@pieceId, @topic, @workerId, @startedAt, @finishedAt, @status, @reason, @confidence, @claimsChecked, @claimsSupported,
         @costUsd, @workers, @stageLatencyMs, @stagesRun, @reviewId, @traceId)
       ON CONFLICT (piece_id, worker_id, started_at) DO NOTHING`,
    );
    this.selectPeriod = database.prepare(
      `SELECT ${columns} FROM content_runs WHERE finished_at >= @since AND finished_at < @until ORDER BY finished_at, id LIMIT @limit`,
    );
    // Read backwards along the finished_at index: as cheap with a year of runs as with a day's.
    this.selectNewest = database.prepare(`SELECT ${columns} FROM content_runs WHERE finished_at >= @since ORDER BY finished_at DESC, id DESC LIMIT @limit`);
    this.selectForPiece = database.prepare(`SELECT ${columns} FROM content_runs WHERE piece_id = ? ORDER BY finished_at, id`);
    this.reports = new ContentReportQueries(database);
  }

  /** A run already recorded (same piece, worker and start) is kept as it was. */
  add(record: ContentRunRecord): void {
    this.insert.run({
      pieceId: record.pieceId,
      topic: record.topic,
      workerId: record.workerId,
      startedAt: record.startedAt,
      finishedAt: record.finishedAt,
      status: record.status,
      reason: record.reason ?? null,
      confidence: record.confidence ?? null,
      claimsChecked: record.claimsChecked ?? null,
      claimsSupported: record.claimsSupported ?? null,
      costUsd: record.costUsd,
      workers: JSON.stringify(record.workers),
      stageLatencyMs: JSON.stringify(record.stageLatencyMs),
      stagesRun: JSON.stringify(record.stagesRun),
      reviewId: record.reviewId ?? null,
      traceId: record.traceId ?? null,
    });
  }

  /** The runs finished in the period, oldest first. */
  list(options: ContentRunListOptions = {}): ContentRunRecord[] {
    const rows = this.selectPeriod.all({
      since: options.since ?? Number.MIN_SAFE_INTEGER,
      until: options.until ?? Number.MAX_SAFE_INTEGER,
      limit: options.limit ?? defaultListLimit,
    }) as ContentRunRow[];
    return rows.map(toRecord);
  }

  /** The `limit` runs that finished last (since `since`, when given), newest first. */
  newest(options: ContentRunNewestOptions): ContentRunRecord[] {
    return (this.selectNewest.all({ since: options.since ?? Number.MIN_SAFE_INTEGER, limit: options.limit }) as ContentRunRow[]).map(toRecord);
  }

  /** The piece's runs, in the order they finished. */
  forPiece(pieceId: string): ContentRunRecord[] {
    return (this.selectForPiece.all(pieceId) as ContentRunRow[]).map(toRecord);
  }

  /** The content report's totals over whole UTC days (content-report-queries.ts), from the daily totals of migration 11. */
  report(period: ContentReportPeriod): ContentReportTotals {
    return this.reports.totals(period);
  }
}
