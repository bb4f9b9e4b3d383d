// The default queue backend: jobs in agentlab's store (the queue_jobs table), nothing to install beside
// it. On SQLite every process on the machine that opens the same file shares the queue; on PostgreSQL
// (`postgres://…`) every process on every machine that opens the same database does. Each operation is
// one conditional statement of the store's queueJobs table (store/queue-job-table.ts, and
// store/postgres/queue-job-table.ts); this module adds ids, defaults and checks.
import { randomUUID } from 'node:crypto';
import { openStoreBackend } from '../store/index.js';
import type { QueueJobRecord, QueueJobRetryPolicy, StoreBackend } from '../store/index.js';
import { defaultBackoffMs, defaultListLimit, defaultMaxAttempts, defaultMaxExpiredLeases, keptErrors } from './constants.js';
import { queueClosed } from './errors.js';
import { checkEnqueueOptions, checkJson, checkLeaseMs, checkStage, checkWorkerId } from './input-checks.js';
import type { EnqueueOptions, FailOutcome, JobQueue, JsonInput, ListOptions, QueueCounts, QueueJob, UnparkOptions } from './job-queue.js';
import { queueJobStates } from './job-queue.js';

export interface StoreQueueOptions {
  /** The open store the jobs are kept in: SQLite or PostgreSQL. */
  store: StoreBackend;
  /** Close the store with the queue (openStoreQueue sets it for a store it opened); false by default. */
  closesStore?: boolean;
  /** The clock leases are measured by; Date.now by default. */
  now?: () => number;
  backoffMs?: number;
  maxExpiredLeases?: number;
}

export interface OpenStoreQueueOptions extends Omit<StoreQueueOptions, 'store' | 'closesStore'> {
  /** An open store to keep the jobs in (left open by close()); else `storeReference` is opened. */
  store?: StoreBackend;
  /**
   * The store to open: a SQLite file or a `postgres://` URL (closed by close()); when neither is given,
   * AGENTLAB_STORE_URL, else agentlab's default store file.
   */
  storeReference?: string;
}

/** The store queue on the store given, or on the one `storeReference` (else AGENTLAB_STORE_URL, else the default file) names, opened now. */
export async function openStoreQueue(options: OpenStoreQueueOptions = {}): Promise<StoreQueue> {
  const { store, storeReference, ...rest } = options;
  if (store) return new StoreQueue({ ...rest, store });
  const opened = await openStoreBackend(storeReference || undefined);
  return new StoreQueue({ ...rest, store: opened, closesStore: true });
}

function toJob(record: QueueJobRecord): QueueJob {
  return record as QueueJob;
}

export class StoreQueue implements JobQueue {
  readonly description: string;
  private readonly store: StoreBackend;
  private readonly closesStore: boolean;
  private readonly now: () => number;
  private readonly policy: QueueJobRetryPolicy;
  private closed = false;

  constructor(options: StoreQueueOptions) {
    this.store = options.store;
    this.closesStore = options.closesStore === true;
    this.description = `store ${this.store.location}`;
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
    const record = await this.table.add({ id: options.id ?? randomUUID(), queue, payload, maxAttempts: options.maxAttempts ?? defaultMaxAttempts, createdAt: this.now() });
    return toJob(record);
  }

  async lease(queue: string, workerId: string, leaseMs: number): Promise<QueueJob | undefined> {
    checkLeaseMs(leaseMs);
    checkWorkerId(workerId);
    const record = await this.table.lease(queue, workerId, leaseMs, this.now(), this.policy);
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
    const state = await this.table.fail(jobId, workerId, error, this.now(), this.policy);
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
    const record = await this.table.get(jobId);
    return record && toJob(record);
  }

  async list(queue: string, options: ListOptions = {}): Promise<QueueJob[]> {
    return (await this.table.list(queue, options.state, options.limit ?? defaultListLimit)).map(toJob);
  }

  async counts(queue: string): Promise<QueueCounts> {
    const now = this.now();
    const counts = Object.fromEntries(queueJobStates.map((state) => [state, { count: 0 }])) as QueueCounts;
    for (const row of await this.table.counts(queue)) counts[row.state] = { count: row.count, oldestAgeMs: Math.max(0, now - row.oldestCreatedAt) };
    return counts;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.closesStore) await this.store.close();
  }
}
