// The records of the queue_jobs table, as queue/ sees them: a job with its state, lease, checkpoints
// and retry budget. JSON values are whatever JSON.parse gives back.

export type QueueJobStateName = 'queued' | 'running' | 'done' | 'dead' | 'in_review';

export interface QueueJobRecord {
  id: string;
  queue: string;
  state: QueueJobStateName;
  payload: unknown;
  checkpoints: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  expiredLeases: number;
  errors: string[];
  leaseOwner?: string;
  leaseExpiresAt?: number;
  result?: unknown;
  note?: string;
  createdAt: number;
  finishedAt?: number;
}

export interface NewQueueJob {
  id: string;
  queue: string;
  payload: unknown;
  maxAttempts: number;
  createdAt: number;
}

export interface QueueJobRetryPolicy {
  /** The first retry waits this long, each later one twice the one before. */
  backoffMs: number;
  /** A lease that expires when the job has already been taken back this many times makes it dead. */
  maxExpiredLeases: number;
  /** Errors kept per job. */
  keptErrors: number;
}

export interface QueueJobStateCount {
  state: QueueJobStateName;
  count: number;
  oldestCreatedAt: number;
}

/** A reviewer's decision on a parked job (queue/'s UnparkOptions, with the clock and the errors kept). */
export interface QueueJobUnpark {
  requeue: boolean;
  note?: string;
  result?: unknown;
  keepCheckpoints?: readonly string[];
  error?: string;
  now: number;
  keptErrors: number;
}
