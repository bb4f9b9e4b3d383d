// The queue_jobs table behind queue/'s store backend. Each change is one UPDATE conditional on the
// job's state and, for a worker's changes, on the worker still holding an unexpired lease; leasing
// picks the oldest eligible job and takes it in the same statement (`UPDATE … WHERE id = (SELECT …
// LIMIT 1) RETURNING`), so two connections on one file never lease the same job. Times are given
// by the caller (ms since the epoch), so the queue's clock decides when a lease has expired.
import type { Database, Statement } from 'better-sqlite3';
import type { NewQueueJob, QueueJobRecord, QueueJobRetryPolicy, QueueJobStateCount, QueueJobStateName, QueueJobUnpark } from './queue-job-records.js';

export interface QueueJobRow {
  id: string;
  queue: string;
  state: QueueJobStateName;
  payload: string;
  checkpoints: string;
  attempts: number;
  maxAttempts: number;
  expiredLeases: number;
  errors: string;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  result: string | null;
  note: string | null;
  createdAt: number;
  finishedAt: number | null;
}

const columns =
  'id, queue, state, payload, checkpoints, attempts, max_attempts AS maxAttempts, expired_leases AS expiredLeases, errors, ' +
  'lease_owner AS leaseOwner, lease_expires_at AS leaseExpiresAt, result, note, created_at AS createdAt, finished_at AS finishedAt';

/** The worker still holds an unexpired lease on the job. */
const heldLease = "id = @id AND state = 'running' AND lease_owner = @workerId AND lease_expires_at > @now";

/** Appends @error to the JSON array `errors`, dropping the oldest past @keptErrors. */
const appendError = "json_insert(CASE WHEN json_array_length(errors) >= @keptErrors THEN json_remove(errors, '$[0]') ELSE errors END, '$[#]', @error)";

export function toRecord(row: QueueJobRow): QueueJobRecord {
  return {
    id: row.id,
    queue: row.queue,
    state: row.state,
    payload: JSON.parse(row.payload) as unknown,
    checkpoints: JSON.parse(row.checkpoints) as Record<string, unknown>,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    expiredLeases: row.expiredLeases,
    errors: JSON.parse(row.errors) as string[],
    ...(row.leaseOwner === null ? {} : { leaseOwner: row.leaseOwner }),
    ...(row.leaseExpiresAt === null ? {} : { leaseExpiresAt: row.leaseExpiresAt }),
    ...(row.result === null ? {} : { result: JSON.parse(row.result) as unknown }),
    ...(row.note === null ? {} : { note: row.note }),
    createdAt: row.createdAt,
    ...(row.finishedAt === null ? {} : { finishedAt: row.finishedAt }),
  };
}

export class QueueJobTable {
  private readonly insert: Statement;
  private readonly selectById: Statement<[string]>;
  private readonly expireSpent: Statement;
  private readonly leaseOldest: Statement;
  private readonly leaseInTransaction: (parameters: Record<string, unknown>) => QueueJobRow | undefined;
  private readonly extendLease: Statement;
  private readonly writeCheckpoint: Statement;
  private readonly completeJob: Statement;
  private readonly failJob: Statement;
  private readonly releaseJob: Statement;
  private readonly parkJob: Statement;
  private readonly unparkJob: Statement;
  private readonly selectCounts: Statement;

  constructor(private readonly database: Database) {
    this.insert = database.prepare(
      "INSERT INTO queue_jobs (id, queue, state, payload, max_attempts, available_at, created_at, updated_at) VALUES (@id, @queue, 'queued', @payload, @maxAttempts, @createdAt, @createdAt, @createdAt) ON CONFLICT (id) DO NOTHING",
    );
    this.selectById = database.prepare(`SELECT ${columns} FROM queue_jobs WHERE id = ?`);
    // A lease that expired on a job already taken back maxExpiredLeases times: the job is dead.
    this.expireSpent = database.prepare(
      `UPDATE queue_jobs SET state = 'dead', expired_leases = expired_leases + 1,
         errors = ${appendError.replace('@error', "'the lease of ' || lease_owner || ' expired, ' || (expired_leases + 1) || ' leases have expired'")},
         lease_owner = NULL, lease_expires_at = NULL, finished_at = @now, updated_at = @now
       WHERE queue = @queue AND state = 'running' AND lease_expires_at <= @now AND expired_leases >= @maxExpiredLeases`,
    );
    this.leaseOldest = database.prepare(
      `UPDATE queue_jobs SET expired_leases = expired_leases + (state = 'running'), state = 'running', lease_owner = @workerId,
         lease_expires_at = @now + @leaseMs, updated_at = @now
       WHERE id = (
         SELECT id FROM queue_jobs
         WHERE queue = @queue AND ((state = 'queued' AND available_at <= @now) OR (state = 'running' AND lease_expires_at <= @now))
         ORDER BY created_at, rowid LIMIT 1)
       RETURNING ${columns}`,
    );
    const leaseTransaction = database.transaction((parameters: Record<string, unknown>) => {
      const { maxExpiredLeases, keptErrors, ...lease } = parameters;
      this.expireSpent.run({ queue: lease.queue, now: lease.now, maxExpiredLeases, keptErrors });
      return this.leaseOldest.get(lease) as QueueJobRow | undefined;
    });
    this.leaseInTransaction = (parameters) => leaseTransaction.immediate(parameters);
    this.extendLease = database.prepare(`UPDATE queue_jobs SET lease_expires_at = @now + @leaseMs, updated_at = @now WHERE ${heldLease}`);
    this.writeCheckpoint = database.prepare(`UPDATE queue_jobs SET checkpoints = json_set(checkpoints, '$."' || @stage || '"', json(@value)), updated_at = @now WHERE ${heldLease}`);
    this.completeJob = database.prepare(
      `UPDATE queue_jobs SET state = 'done', result = @result, lease_owner = NULL, lease_expires_at = NULL, finished_at = @now, updated_at = @now WHERE ${heldLease}`,
    );
    this.failJob = database.prepare(
      `UPDATE queue_jobs SET attempts = attempts + 1, errors = ${appendError},
         state = CASE WHEN attempts + 1 >= max_attempts THEN 'dead' ELSE 'queued' END,
         available_at = @now + @backoffMs * (1 << min(attempts, 30)),
         finished_at = CASE WHEN attempts + 1 >= max_attempts THEN @now END,
         lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
       WHERE ${heldLease} RETURNING state`,
    );
    this.releaseJob = database.prepare(`UPDATE queue_jobs SET state = 'queued', available_at = @now, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now WHERE ${heldLease}`);
    this.parkJob = database.prepare(`UPDATE queue_jobs SET state = 'in_review', note = @note, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now WHERE ${heldLease}`);
    // @counted: the return counts as a failed attempt (@error appended); the last attempt makes the job dead.
    const dead = '(@counted AND attempts + 1 >= max_attempts)';
    this.unparkJob = database.prepare(
      `UPDATE queue_jobs SET state = CASE WHEN NOT @requeue THEN 'done' WHEN ${dead} THEN 'dead' ELSE 'queued' END, available_at = @now, note = coalesce(@note, note),
         result = CASE WHEN @requeue THEN result ELSE @result END, finished_at = CASE WHEN @requeue AND NOT ${dead} THEN NULL ELSE @now END,
         checkpoints = coalesce(@checkpoints, checkpoints), attempts = attempts + @counted,
         errors = CASE WHEN @counted THEN ${appendError} ELSE errors END, updated_at = @now
       WHERE id = @id AND state = 'in_review'`,
    );
    this.selectCounts = database.prepare('SELECT state, COUNT(*) AS count, MIN(created_at) AS oldestCreatedAt FROM queue_jobs WHERE queue = ? GROUP BY state');
  }

  /** Adds the job unless its id is already held; returns the job stored under the id either way. */
  add(job: NewQueueJob): QueueJobRecord {
    this.insert.run({ id: job.id, queue: job.queue, payload: JSON.stringify(job.payload), maxAttempts: job.maxAttempts, createdAt: job.createdAt });
    return this.get(job.id)!;
  }

  get(id: string): QueueJobRecord | undefined {
    const row = this.selectById.get(id) as QueueJobRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Also makes dead the jobs of `queue` whose lease expired once more than `policy.maxExpiredLeases` allows. */
  lease(queue: string, workerId: string, leaseMs: number, now: number, policy: QueueJobRetryPolicy): QueueJobRecord | undefined {
    const row = this.leaseInTransaction({ queue, workerId, leaseMs, now, maxExpiredLeases: policy.maxExpiredLeases, keptErrors: policy.keptErrors });
    return row ? toRecord(row) : undefined;
  }

  extend(id: string, workerId: string, leaseMs: number, now: number): boolean {
    return this.extendLease.run({ id, workerId, leaseMs, now }).changes === 1;
  }

  /** `stage` must be a plain name (letters, digits, _ and -): it goes into a JSON path. */
  checkpoint(id: string, workerId: string, stage: string, value: unknown, now: number): boolean {
    return this.writeCheckpoint.run({ id, workerId, stage, value: JSON.stringify(value), now }).changes === 1;
  }

  complete(id: string, workerId: string, result: unknown, now: number): boolean {
    return this.completeJob.run({ id, workerId, result: result === undefined ? null : JSON.stringify(result), now }).changes === 1;
  }

  /** Counts the attempt: 'queued' again after the policy's backoff, 'dead' when it was the last; undefined when the lease was lost. */
  fail(id: string, workerId: string, error: string, now: number, policy: QueueJobRetryPolicy): 'queued' | 'dead' | undefined {
    const row = this.failJob.get({ id, workerId, error, now, backoffMs: policy.backoffMs, keptErrors: policy.keptErrors }) as { state: 'queued' | 'dead' } | undefined;
    return row?.state;
  }

  release(id: string, workerId: string, now: number): boolean {
    return this.releaseJob.run({ id, workerId, now }).changes === 1;
  }

  park(id: string, workerId: string, note: string, now: number): boolean {
    return this.parkJob.run({ id, workerId, note, now }).changes === 1;
  }

  /**
   * A reviewer's decision, when the job is still in review: settled as done with `result`, or requeued,
   * keeping only `keepCheckpoints` when given and counting an attempt with `error` when given.
   */
  unpark(id: string, decision: QueueJobUnpark): boolean {
    const requeue = decision.requeue;
    let checkpoints: string | null = null;
    if (requeue && decision.keepCheckpoints) {
      // A parked job has no lease, so its checkpoints cannot change between this read and the UPDATE.
      const kept = new Set(decision.keepCheckpoints);
      const current = this.get(id)?.checkpoints ?? {};
      checkpoints = JSON.stringify(Object.fromEntries(Object.entries(current).filter(([stage]) => kept.has(stage))));
    }
    const counted = requeue && decision.error !== undefined;
    return (
      this.unparkJob.run({
        id,
        requeue: requeue ? 1 : 0,
        note: decision.note ?? null,
        result: requeue || decision.result === undefined ? null : JSON.stringify(decision.result),
        checkpoints,
        counted: counted ? 1 : 0,
        error: decision.error ?? null,
        keptErrors: decision.keptErrors,
        now: decision.now,
      }).changes === 1
    );
  }

  /** Oldest first. */
  list(queue: string, state: QueueJobStateName | undefined, limit: number): QueueJobRecord[] {
    const where = state === undefined ? 'queue = ?' : 'queue = ? AND state = ?';
    const parameters: Array<string | number> = state === undefined ? [queue] : [queue, state];
    const rows = this.database.prepare(`SELECT ${columns} FROM queue_jobs WHERE ${where} ORDER BY created_at, rowid LIMIT ?`).all(...parameters, limit) as QueueJobRow[];
    return rows.map(toRecord);
  }

  counts(queue: string): QueueJobStateCount[] {
    return this.selectCounts.all(queue) as QueueJobStateCount[];
  }
}
