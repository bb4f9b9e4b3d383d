// The job queue's contract: durable jobs that workers lease, heartbeat, checkpoint stage by stage,
// and complete, fail (retry or dead letter), release or park for a person. Every operation a worker
// makes on a job it leased is conditional on still holding the lease, so a worker whose lease
// expired and was taken over can no longer change the job: it gets false and should drop the job.
// Backends (store-queue.ts, bullmq-queue.ts) implement this; open-queue.ts picks one by URL.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * queued: waiting for a worker (also while a retry waits out its backoff); running: leased;
 * done: completed (or settled by a reviewer); dead: the dead letter, its retry budget spent;
 * in_review: parked for a person, no lease.
 */
export type QueueJobState = 'queued' | 'running' | 'done' | 'dead' | 'in_review';

export const queueJobStates: readonly QueueJobState[] = ['queued', 'running', 'done', 'dead', 'in_review'];

export interface QueueJob {
  id: string;
  queue: string;
  state: QueueJobState;
  payload: JsonValue;
  /** Stage name → the value its checkpoint recorded; kept across leases. */
  checkpoints: Record<string, JsonValue>;
  /** Failed attempts so far (fail() calls); release() does not count. */
  attempts: number;
  maxAttempts: number;
  /** How many times a lease on it expired and the job was taken back (its worker died or hung). */
  expiredLeases: number;
  /** The most recent errors, oldest first (fail() messages, lease expiries that made it dead). */
  errors: string[];
  /** While running: the worker holding it and when its lease ends (ms since the epoch). */
  leaseOwner?: string;
  leaseExpiresAt?: number;
  /** What complete() (or a reviewer's unpark) recorded. */
  result?: JsonValue;
  /** Why it was parked, or the reviewer's note. */
  note?: string;
  createdAt: number;
  finishedAt?: number;
}

export interface EnqueueOptions {
  /** Enqueueing an id the queue already holds (in any queue, any state) returns that job, unchanged. */
  id?: string;
  /** `defaultMaxAttempts` unless given. */
  maxAttempts?: number;
}

export type FailOutcome = 'retry' | 'dead';

export interface UnparkOptions {
  /** true: back to queued, so a worker finishes it (its checkpoints kept); false: settled as done. */
  requeue: boolean;
  /** Replaces the job's note (the reviewer's words). */
  note?: string;
  /** The job's result when it is settled (requeue: false). */
  result?: JsonInput;
  /**
   * With requeue: only these checkpoints are kept, the others dropped (a piece a reviewer returned is
   * done again from its research); all are kept when absent.
   */
  keepCheckpoints?: readonly string[];
  /**
   * With requeue: the return counts as a failed attempt with this error, as fail() counts one: the job
   * is queued again at once, or dead when it was its last attempt (read it with get() to know which).
   * Without it, requeuing counts nothing.
   */
  error?: string;
}

export interface ListOptions {
  state?: QueueJobState;
  /** `defaultListLimit` unless given. */
  limit?: number;
}

export interface StateCount {
  count: number;
  /** How long ago the oldest job in the state was enqueued, in ms; absent when none is. */
  oldestAgeMs?: number;
}

export type QueueCounts = Record<QueueJobState, StateCount>;

/**
 * What callers pass as a payload, checkpoint value or result: anything JSON.stringify keeps (an
 * object typed by an interface included); it comes back as the JsonValue JSON.parse gives.
 */
export type JsonInput = unknown;

export interface JobQueue {
  /** What the queue is, for messages: `store <path>` or the Redis URL without its password. */
  readonly description: string;
  enqueue(queue: string, payload: JsonInput, options?: EnqueueOptions): Promise<QueueJob>;
  /**
   * The oldest job of `queue` that is queued (and past its backoff), or running under a lease that
   * has expired, now running under `workerId` until `leaseMs` from now; undefined when none is.
   * Two workers never lease the same job at once.
   */
  lease(queue: string, workerId: string, leaseMs: number): Promise<QueueJob | undefined>;
  /** The heartbeat: the lease now ends `leaseMs` from now. False when the lease was lost. */
  extend(jobId: string, workerId: string, leaseMs: number): Promise<boolean>;
  /** Records `stage` as done with `value`. False when the lease was lost (nothing is recorded). */
  checkpoint(jobId: string, workerId: string, stage: string, value: JsonInput): Promise<boolean>;
  complete(jobId: string, workerId: string, result?: JsonInput): Promise<boolean>;
  /** 'retry' (queued again after a backoff), 'dead' (budget spent), or false when the lease was lost. */
  fail(jobId: string, workerId: string, error: string): Promise<FailOutcome | false>;
  /** Back to queued at once without counting an attempt (a worker stopping with Ctrl+C). */
  release(jobId: string, workerId: string): Promise<boolean>;
  /** To in_review with `note`, leaving the lease: it waits for a person. */
  park(jobId: string, workerId: string, note: string): Promise<boolean>;
  /** A reviewer's decision on a parked job. False when the job is not in review (another reviewer decided); nothing changes then. */
  unpark(jobId: string, options: UnparkOptions): Promise<boolean>;
  get(jobId: string): Promise<QueueJob | undefined>;
  /** Oldest first. */
  list(queue: string, options?: ListOptions): Promise<QueueJob[]>;
  counts(queue: string): Promise<QueueCounts>;
  close(): Promise<void>;
}
