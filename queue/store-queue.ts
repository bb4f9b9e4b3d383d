// The default queue backend: jobs in agentlab's SQLite store (the queue_jobs table), nothing to
// install, shared by every process on the machine that opens the same file. Each operation is one
// conditional statement in store/queue-job-table.ts; this module adds ids, defaults and checks.
import { randomUUID } from 'node:crypto';
import { openStore } from '../store/index.js';
import type { QueueJobRecord, QueueJobRetryPolicy, Store } from '../store/index.js';
import { defaultBackoffMs, defaultListLimit, defaultMaxAttempts, defaultMaxExpiredLeases, keptErrors } from './constants.js';
import { queueClosed } from './errors.js';
import { checkEnqueueOptions, checkJson, checkLeaseMs, checkStage, checkWorkerId } from './input-checks.js';
import type { EnqueueOptions, FailOutcome, JobQueue, JsonInput, ListOptions, QueueCounts, QueueJob, UnparkOptions } from './job-queue.js';
import { queueJobStates } from './job-queue.js';

export interface StoreQueueOptions {
  /** An open store to keep the jobs in (left open by close()); else `path` is opened. */
  store?: Store;
  /** The store file; agentlab's default store when neither is given. */
  path?: string;
  /** The clock leases are measured by; Date.now by default. */
  now?: () => number;
  backoffMs?: number;
  maxExpiredLeases?: number;
}

function toJob(record: QueueJobRecord): QueueJob {
  return record as QueueJob;
}

export class StoreQueue implements JobQueue {
  readonly description: string;
  private readonly store: Store;
  private readonly ownsStore: boolean;
  private readonly now: () => number;
  private readonly policy: QueueJobRetryPolicy;
  private closed = false;

  constructor(options: StoreQueueOptions = {}) {
    this.ownsStore = options.store === undefined;
    this.store = options.store ?? openStore(options.path);
    this.description = `store ${this.store.path}`;
    this.now = options.now ?? Date.now;
    this.policy = { backoffMs: options.backoffMs ?? defaultBackoffMs, maxExpiredLeases: options.maxExpiredLeases ?? defaultMaxExpiredLeases, keptErrors };
  }

  private get table() {
    if (this.closed) throw queueClosed(this.description);
    return this.store.queueJobs;
  }

  async enqueue(queue: string, payload: JsonInput, options: EnqueueOptions = {}): Promise<QueueJob> {
    checkEnqueueOptions(queue, options);
    checkJson(payload, 'A job\'s payload');
    const record = this.table.add({ id: options.id ?? randomUUID(), queue, payload, maxAttempts: options.maxAttempts ?? defaultMaxAttempts, createdAt: this.now() });
    return toJob(record);
  }

  async lease(queue: string, workerId: string, leaseMs: number): Promise<QueueJob | undefined> {
    checkLeaseMs(leaseMs);
    checkWorkerId(workerId);
    const record = this.table.lease(queue, workerId, leaseMs, this.now(), this.policy);
    return record && toJob(record);
  }

  async extend(jobId: string, workerId: string, leaseMs: number): Promise<boolean> {
    checkLeaseMs(leaseMs);
    return this.table.extend(jobId, workerId, leaseMs, this.now());
  }

  async checkpoint(jobId: string, workerId: string, stage: string, value: JsonInput): Promise<boolean> {
    checkStage(stage);
    checkJson(value, `The checkpoint of ${stage}`);
    return this.table.checkpoint(jobId, workerId, stage, value, this.now());
  }

  async complete(jobId: string, workerId: string, result?: JsonInput): Promise<boolean> {
    return this.table.complete(jobId, workerId, result, this.now());
  }

  async fail(jobId: string, workerId: string, error: string): Promise<FailOutcome | false> {
    const state = this.table.fail(jobId, workerId, error, this.now(), this.policy);
    return state === undefined ? false : state === 'dead' ? 'dead' : 'retry';
  }

  async release(jobId: string, workerId: string): Promise<boolean> {
    return this.table.release(jobId, workerId, this.now());
  }

  async park(jobId: string, workerId: string, note: string): Promise<boolean> {
    return this.table.park(jobId, workerId, note, this.now());
  }

  async unpark(jobId: string, options: UnparkOptions): Promise<boolean> {
    return this.table.unpark(jobId, { ...options, now: this.now(), keptErrors: this.policy.keptErrors });
  }

  async get(jobId: string): Promise<QueueJob | undefined> {
    const record = this.table.get(jobId);
    return record && toJob(record);
  }

  async list(queue: string, options: ListOptions = {}): Promise<QueueJob[]> {
    return this.table.list(queue, options.state, options.limit ?? defaultListLimit).map(toJob);
  }

  async counts(queue: string): Promise<QueueCounts> {
    const now = this.now();
    const counts = Object.fromEntries(queueJobStates.map((state) => [state, { count: 0 }])) as QueueCounts;
    for (const row of this.table.counts(queue)) counts[row.state] = { count: row.count, oldestAgeMs: Math.max(0, now - row.oldestCreatedAt) };
    return counts;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsStore) this.store.close();
  }
}
