// The Redis queue backend, through BullMQ, for workers on several machines sharing one queue
// (`AGENTLAB_QUEUE_URL=redis://…`). The contract maps onto BullMQ's own mechanisms:
// - a lease is BullMQ's job lock (the worker id is the lock token): `Worker.getNextJob(token)` takes
//   the job, `job.extendLock(token, leaseMs)` sets and extends the lease;
// - lease expiry is BullMQ's stalled-job check (`startStalledCheckTimer`): a job whose lock expired
//   goes back to waiting, its `stalledCounter` counted (expiredLeases); past `maxStalledCount` it fails;
// - the retry budget is the job's `attempts` with exponential `backoff`, and a job failed after its
//   attempts is BullMQ's failed state: the dead letter, its errors in the job's stack traces;
// - checkpoints live in the job's data, written by a script that first checks the lock token, so a
//   worker that lost its lock cannot write one (BullMQ's `updateData` does not check the lock);
// - in_review is a job completed with a parked marker as its return value, listed in a review index
//   (a sorted set per queue); unpark either re-queues it (`job.retry('completed')`) or settles it.
// Job ids are global, as in the store backend: a hash maps each id to its queue.
import { randomUUID } from 'node:crypto';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { defaultBackoffMs, defaultListLimit, defaultMaxAttempts, defaultMaxExpiredLeases, defaultStalledCheckIntervalMs, keptErrors, redisConnectTimeoutMs, redisKeyPrefix } from './constants.js';
import { queueClosed, queueUnreachable, redactUrl } from './errors.js';
import { checkEnqueueOptions, checkJson, checkLeaseMs, checkStage, checkWorkerId } from './input-checks.js';
import type { EnqueueOptions, FailOutcome, JobQueue, JsonInput, JsonValue, ListOptions, QueueCounts, QueueJob, UnparkOptions } from './job-queue.js';
import { queueJobStates } from './job-queue.js';
import { bullTypesOf, checkpointScript, isParkedMarker, jobName, parkScript, stateOf, unparkScript } from './bullmq-jobs.js';
import type { JobData, OrderedJob, ParkedMarker } from './bullmq-jobs.js';

export interface BullmqQueueOptions {
  /** `agentlab` unless given: every key is `<prefix>:<queue>:…`. */
  prefix?: string;
  backoffMs?: number;
  maxExpiredLeases?: number;
  /** BullMQ's `stalledInterval`: how often expired leases are looked for. */
  stalledCheckIntervalMs?: number;
}

/** Connects to Redis at `url`, failing with AGENTLAB_QUEUE_UNREACHABLE (naming the URL) when it cannot. */
export async function openBullmqQueue(url: string, options: BullmqQueueOptions = {}): Promise<BullmqQueue> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: redisConnectTimeoutMs });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw queueUnreachable(url, error);
  } finally {
    probe.disconnect();
  }
  return new BullmqQueue(url, options);
}

export class BullmqQueue implements JobQueue {
  readonly description: string;
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly backoffMs: number;
  private readonly maxExpiredLeases: number;
  private readonly stalledCheckIntervalMs: number;
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private closed = false;

  constructor(url: string, options: BullmqQueueOptions = {}) {
    this.description = redactUrl(url);
    // BullMQ needs maxRetriesPerRequest: null on connections its workers use.
    this.redis = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: redisConnectTimeoutMs });
    this.redis.on('error', () => {});
    this.prefix = options.prefix ?? redisKeyPrefix;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.maxExpiredLeases = options.maxExpiredLeases ?? defaultMaxExpiredLeases;
    this.stalledCheckIntervalMs = options.stalledCheckIntervalMs ?? defaultStalledCheckIntervalMs;
  }

  private assertOpen(): void {
    if (this.closed) throw queueClosed(this.description);
  }

  private key(queue: string, ...parts: string[]): string {
    return [this.prefix, queue, ...parts].join(':');
  }

  private get jobQueuesKey(): string {
    return `${this.prefix}:job-queues`;
  }

  private queue(name: string): Queue {
    this.assertOpen();
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.prefix });
      queue.on('error', () => {});
      this.queues.set(name, queue);
    }
    return queue;
  }

  private async worker(name: string): Promise<Worker> {
    this.assertOpen();
    let worker = this.workers.get(name);
    if (!worker) {
      worker = new Worker(name, null, {
        connection: this.redis,
        prefix: this.prefix,
        autorun: false,
        stalledInterval: this.stalledCheckIntervalMs,
        maxStalledCount: this.maxExpiredLeases,
      });
      worker.on('error', () => {});
      this.workers.set(name, worker);
      await worker.startStalledCheckTimer();
    }
    return worker;
  }

  private async queueNameOf(jobId: string): Promise<string | undefined> {
    this.assertOpen();
    return (await this.redis.hget(this.jobQueuesKey, jobId)) ?? undefined;
  }

  private async bullJob(jobId: string): Promise<Job | undefined> {
    const name = await this.queueNameOf(jobId);
    if (name === undefined) return undefined;
    return (await Job.fromId(this.queue(name), jobId)) ?? undefined;
  }

  private async toJob(job: Job, knownState?: string): Promise<QueueJob | undefined> {
    const state = stateOf(knownState ?? (await job.getState()), job.returnvalue);
    if (state === undefined) return undefined;
    const data = job.data as JobData;
    const checkpoints: Record<string, JsonValue> = {};
    for (const [stage, text] of Object.entries(data.checkpoints ?? {})) checkpoints[stage] = JSON.parse(text) as JsonValue;
    const errors = [...(job.stacktrace ?? [])];
    if (state === 'dead' && job.failedReason && errors.at(-1) !== job.failedReason) errors.push(job.failedReason);
    const parked = isParkedMarker(job.returnvalue) ? job.returnvalue : undefined;
    const note = data.note ?? parked?.note;
    const lease = state === 'running' ? await this.leaseOf(job) : {};
    return {
      id: job.id!,
      queue: job.queueName,
      state,
      payload: JSON.parse(data.payload) as JsonValue,
      checkpoints,
      attempts: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      expiredLeases: job.stalledCounter ?? 0,
      errors: errors.slice(-keptErrors),
      ...lease,
      ...(state === 'done' && job.returnvalue !== null && job.returnvalue !== undefined ? { result: job.returnvalue as JsonValue } : {}),
      ...(note === undefined ? {} : { note }),
      createdAt: job.timestamp,
      ...(state === 'done' || state === 'dead' ? (job.finishedOn ? { finishedAt: job.finishedOn } : {}) : {}),
    };
  }

  private async leaseOf(job: Job): Promise<{ leaseOwner?: string; leaseExpiresAt?: number }> {
    const lockKey = this.key(job.queueName, job.id!, 'lock');
    const [owner, ttl] = await Promise.all([this.redis.get(lockKey), this.redis.pttl(lockKey)]);
    if (owner === null || ttl < 0) return {};
    return { leaseOwner: owner, leaseExpiresAt: Date.now() + ttl };
  }

  async enqueue(queue: string, payload: JsonInput, options: EnqueueOptions = {}): Promise<QueueJob> {
    checkEnqueueOptions(queue, options);
    checkJson(payload, 'A job\'s payload');
    const id = options.id ?? randomUUID();
    this.assertOpen();
    // The id's queue is recorded first (once): an id enqueued again, in any queue, finds its job.
    await this.redis.hsetnx(this.jobQueuesKey, id, queue);
    const queueName = (await this.queueNameOf(id))!;
    const data: JobData = { payload: JSON.stringify(payload), sequence: await this.redis.incr(`${this.prefix}:sequence`), checkpoints: {} };
    // BullMQ adds nothing when the id is already in the queue.
    await this.queue(queueName).add(jobName, data, {
      jobId: id,
      attempts: options.maxAttempts ?? defaultMaxAttempts,
      backoff: { type: 'exponential', delay: this.backoffMs },
      stackTraceLimit: keptErrors,
    });
    const job = await this.get(id);
    if (!job) throw new Error(`Job ${id} was enqueued on ${this.description} but cannot be read back.`);
    return job;
  }

  async lease(queue: string, workerId: string, leaseMs: number): Promise<QueueJob | undefined> {
    checkLeaseMs(leaseMs);
    checkWorkerId(workerId);
    const worker = await this.worker(queue);
    for (;;) {
      const job = await worker.getNextJob(workerId, { block: false });
      if (!job) return undefined;
      if (job.deferredFailure) {
        // The stalled check marks a job whose lease expired too often; the worker that takes it next
        // fails it, unrecoverably (no retry), as BullMQ's own processing loop does.
        const failure = new UnrecoverableError(`its lease expired ${job.stalledCounter} times (BullMQ: ${job.deferredFailure})`);
        failure.stack = failure.message;
        await job.moveToFailed(failure, workerId, false).catch(() => undefined);
        continue;
      }
      // getNextJob locks for the worker's lockDuration; the lease asked for replaces it at once.
      await job.extendLock(workerId, leaseMs);
      return this.toJob(job, 'active');
    }
  }

  async extend(jobId: string, workerId: string, leaseMs: number): Promise<boolean> {
    checkLeaseMs(leaseMs);
    checkWorkerId(workerId);
    const job = await this.bullJob(jobId);
    if (!job) return false;
    try {
      return (await job.extendLock(workerId, leaseMs)) === 1;
    } catch {
      return false;
    }
  }

  async checkpoint(jobId: string, workerId: string, stage: string, value: JsonInput): Promise<boolean> {
    checkStage(stage);
    checkJson(value, `The checkpoint of ${stage}`);
    checkWorkerId(workerId);
    const name = await this.queueNameOf(jobId);
    if (name === undefined) return false;
    const written = await this.redis.eval(checkpointScript, 2, this.key(name, jobId), this.key(name, jobId, 'lock'), workerId, stage, JSON.stringify(value));
    return written === 1;
  }

  async complete(jobId: string, workerId: string, result?: JsonInput): Promise<boolean> {
    checkWorkerId(workerId);
    const job = await this.bullJob(jobId);
    if (!job) return false;
    try {
      await job.moveToCompleted(result ?? null, workerId, false);
      return true;
    } catch {
      return false;
    }
  }

  async fail(jobId: string, workerId: string, error: string): Promise<FailOutcome | false> {
    checkWorkerId(workerId);
    const job = await this.bullJob(jobId);
    if (!job) return false;
    // BullMQ decides the same way (attemptsMade + 1 < attempts); only the lock holder changes attemptsMade.
    const outcome: FailOutcome = job.attemptsMade + 1 < (job.opts.attempts ?? 1) ? 'retry' : 'dead';
    const failure = new Error(error);
    failure.stack = error;
    try {
      await job.moveToFailed(failure, workerId, false);
      return outcome;
    } catch {
      return false;
    }
  }

  async release(jobId: string, workerId: string): Promise<boolean> {
    checkWorkerId(workerId);
    const job = await this.bullJob(jobId);
    if (!job) return false;
    try {
      return (await job.moveToWait(workerId)) >= 0;
    } catch {
      return false;
    }
  }

  async park(jobId: string, workerId: string, note: string): Promise<boolean> {
    checkWorkerId(workerId);
    const job = await this.bullJob(jobId);
    if (!job) return false;
    const reviewKey = this.key(job.queueName, 'agentlab-review');
    const listed = await this.redis.eval(parkScript, 2, this.key(job.queueName, jobId, 'lock'), reviewKey, workerId, String(Date.now()), jobId);
    if (listed !== 1) return false;
    try {
      const marker: ParkedMarker = { agentlabParked: true, note };
      await job.moveToCompleted(marker, workerId, false);
      // BullMQ counts every finish as an attempt made; parking is none (release-like), so it is taken back.
      await this.redis.hincrby(this.key(job.queueName, jobId), 'atm', -1);
      return true;
    } catch {
      await this.redis.zrem(reviewKey, jobId);
      return false;
    }
  }

  async unpark(jobId: string, options: UnparkOptions): Promise<boolean> {
    const job = await this.bullJob(jobId);
    if (!job) return false;
    const claimed = await this.redis.eval(
      unparkScript,
      4,
      this.key(job.queueName, 'agentlab-review'),
      this.key(job.queueName, jobId),
      this.key(job.queueName, 'completed'),
      this.key(job.queueName, 'failed'),
      jobId,
      options.requeue ? '1' : '0',
      options.note ?? '',
      JSON.stringify(options.result ?? null),
      options.keepCheckpoints ? JSON.stringify(options.keepCheckpoints) : '',
      options.error ?? '',
      String(job.opts.attempts ?? 1),
      String(Date.now()),
      String(keptErrors),
    );
    if (claimed === 0) return false;
    // 2: the counted attempt was the last, the script made the job dead.
    if (options.requeue && claimed === 1) await job.retry('completed');
    return true;
  }

  async get(jobId: string): Promise<QueueJob | undefined> {
    const job = await this.bullJob(jobId);
    return job && this.toJob(job);
  }

  /** The parked jobs of `queue` with their enqueue order, checked against their state (the index may hold a job a crash left active). */
  private async reviewJobs(queue: string): Promise<OrderedJob[]> {
    const ids = await this.redis.zrange(this.key(queue, 'agentlab-review'), 0, -1);
    const jobs = await Promise.all(ids.map((id) => this.ordered(queue, id)));
    return jobs.filter((entry): entry is OrderedJob => entry?.job.state === 'in_review');
  }

  private async ordered(queue: string, id: string): Promise<OrderedJob | undefined> {
    const bullJob = await Job.fromId(this.queue(queue), id);
    const job = bullJob && (await this.toJob(bullJob));
    return job && { job, sequence: (bullJob.data as JobData).sequence };
  }

  async list(queue: string, options: ListOptions = {}): Promise<QueueJob[]> {
    const limit = options.limit ?? defaultListLimit;
    const states = options.state === undefined ? queueJobStates : [options.state];
    const entries: OrderedJob[] = [];
    for (const state of states) {
      if (state === 'in_review') {
        entries.push(...(await this.reviewJobs(queue)));
        continue;
      }
      const bullJobs = (await this.queue(queue).getJobs(bullTypesOf[state], 0, limit - 1, true)) as Job[];
      for (const bullJob of bullJobs) {
        const job = await this.toJob(bullJob);
        if (job?.state === state) entries.push({ job, sequence: (bullJob.data as JobData).sequence });
      }
    }
    entries.sort((left, right) => left.job.createdAt - right.job.createdAt || left.sequence - right.sequence);
    return entries.slice(0, limit).map((entry) => entry.job);
  }

  /** On Redis the oldest done and dead jobs are the ones that finished first (BullMQ orders them so). */
  async counts(queue: string): Promise<QueueCounts> {
    const bullQueue = this.queue(queue);
    const now = Date.now();
    const totals = await bullQueue.getJobCounts('wait', 'delayed', 'prioritized', 'active', 'completed', 'failed');
    const inReview = await this.reviewJobs(queue);
    const counts = Object.fromEntries(queueJobStates.map((state) => [state, { count: 0 }])) as QueueCounts;
    const sum = (types: string[]) => types.reduce((total, type) => total + (totals[type] ?? 0), 0);
    for (const state of ['queued', 'running', 'done', 'dead'] as const) {
      const count = sum(bullTypesOf[state]) - (state === 'done' ? inReview.length : 0);
      if (count <= 0) continue;
      let oldest: number | undefined;
      for (const type of bullTypesOf[state]) {
        const candidates = (await bullQueue.getJobs([type], 0, state === 'done' ? inReview.length : 0, true)) as Job[];
        const first = candidates.find((job) => state !== 'done' || !isParkedMarker(job.returnvalue));
        if (first && (oldest === undefined || first.timestamp < oldest)) oldest = first.timestamp;
      }
      counts[state] = { count, ...(oldest === undefined ? {} : { oldestAgeMs: Math.max(0, now - oldest) }) };
    }
    if (inReview.length > 0) counts.in_review = { count: inReview.length, oldestAgeMs: Math.max(0, now - Math.min(...inReview.map((entry) => entry.job.createdAt))) };
    return counts;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.workers.values()].map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
