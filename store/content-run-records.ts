// The records of the content_runs table: one finished run of a content piece by a worker.

export type ContentRunStatus = 'published' | 'ready' | 'in_review' | 'failed';

export interface ContentRunWorker {
  model: string;
  modelCalls: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
}

export interface ContentRunRecord {
  pieceId: string;
  topic: string;
  workerId: string;
  /** ms since the epoch. */
  startedAt: number;
  finishedAt: number;
  status: ContentRunStatus;
  reason?: string;
  confidence?: number;
  claimsChecked?: number;
  claimsSupported?: number;
  costUsd: number;
  /** The supervisor and the four workers. */
  workers: Record<string, ContentRunWorker>;
  stageLatencyMs: Record<string, number>;
  stagesRun: string[];
  reviewId?: string;
  traceId?: string;
}

export interface ContentRunListOptions {
  /** finishedAt ≥ since. */
  since?: number;
  /** finishedAt < until. */
  until?: number;
  /** 1,000 by default. */
  limit?: number;
}
