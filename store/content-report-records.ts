// What the content report reads from the store over a period of UTC days: totals per day and run
// status, per day and review decision (for the runs sent to review), per worker and model, the
// stages' latency percentiles, and the newest runs.
import type { ContentRunStatus } from './content-run-records.js';
import type { ReviewStatus } from './human-loop-records.js';

/** UTC days `YYYY-MM-DD`, both included. */
export interface ContentReportPeriod {
  fromDay: string;
  toDay: string;
  /** Newest runs listed; 50 by default. */
  recentLimit?: number;
}

/** The fact-check's figures over a set of runs: those that checked at least one claim, and their claims. */
export interface ContentClaimTotals {
  checkedRuns: number;
  claimsChecked: number;
  claimsSupported: number;
}

/** A run's status, or `settled`: the run that published a piece a reviewer accepted (published or ready, with a review id). */
export type ContentTotalsStatus = ContentRunStatus | 'settled';

export interface ContentDayStatusTotals extends ContentClaimTotals {
  day: string;
  status: ContentTotalsStatus;
  runs: number;
  costUsd: number;
}

/** A review that is gone from the store, or a run sent to review without one, reads as `missing`. */
export type ContentReviewOutcome = ReviewStatus | 'missing';

/** The in_review runs of a day by their review's status. */
export interface ContentDayReviewTotals extends ContentClaimTotals {
  day: string;
  review: ContentReviewOutcome;
  runs: number;
}

export interface ContentWorkerTotals {
  worker: string;
  model: string;
  runs: number;
  modelCalls: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** USD over the runs that carried this worker's cost. */
  costUsd: number;
  unpricedRuns: number;
}

export interface ContentStageLatency {
  stage: string;
  runs: number;
  /** Read from a histogram of buckets 2% wide: within 1% of the exact percentile. */
  p50Ms: number;
  p95Ms: number;
}

export interface ContentRecentRun {
  pieceId: string;
  topic: string;
  workerId: string;
  finishedAt: number;
  status: ContentRunStatus;
  reason?: string;
  confidence?: number;
  claimsChecked?: number;
  claimsSupported?: number;
  costUsd: number;
  reviewId?: string;
  review?: ContentReviewOutcome;
  traceId?: string;
}

export interface ContentReportTotals {
  byDayStatus: ContentDayStatusTotals[];
  byDayReview: ContentDayReviewTotals[];
  byWorker: ContentWorkerTotals[];
  stageLatency: ContentStageLatency[];
  /** Newest first. */
  recent: ContentRecentRun[];
}
