// The queue_jobs table on PostgreSQL: store/queue-job-table.ts's rules. Each change is one UPDATE
// conditional on the job's state and, for a worker's changes, on its unexpired lease. Leasing takes
// the oldest eligible job with FOR UPDATE SKIP LOCKED, so concurrent workers take different jobs
// rather than queueing behind one another; the errors list and checkpoints are JSON text changed
// through jsonb in the same statement.
import type { NewQueueJob, QueueJobRecord, QueueJobRetryPolicy, QueueJobStateCount, QueueJobStateName, QueueJobUnpark } from '../queue-job-records.js';
import type { QueueJobRow, QueueJobTable } from '../queue-job-table.js';
import { toRecord } from '../queue-job-table.js';
import type { AsyncMethods } from '../store-backend.js';
import { inTransaction, retryingConflicts, rows } from './queryable.js';
import type { Connections } from './queryable.js';

const columns =
  'id, queue, state, payload, checkpoints, attempts, max_attempts AS "maxAttempts", expired_leases AS "expiredLeases", errors, ' +
  'lease_owner AS "leaseOwner", lease_expires_at AS "leaseExpiresAt", result, note, created_at AS "createdAt", finished_at AS "finishedAt"';

/** The worker still holds an unexpired lease on the job: $1 id, $2 worker, $3 now. */
const heldLease = "id = $1 AND state = 'running' AND lease_owner = $2 AND lease_expires_at > $3";

/** `errors` with `error` (SQL) appended, the oldest dropped past `kept` (a placeholder), as JSON text. */
function appendError(error: string, kept: string): string {
  return `(CASE WHEN jsonb_array_length(errors::jsonb) >= ${kept} THEN errors::jsonb - 0 ELSE errors::jsonb END || jsonb_build_array((${error})::text))::text`;
}

export class PostgresQueueJobTable implements AsyncMethods<QueueJobTable> {
  constructor(private readonly pool: Connections) {}

  async add(job: NewQueueJob): Promise<QueueJobRecord> {
    await this.pool.query(
      "INSERT INTO queue_jobs (id, queue, state, payload, max_attempts, available_at, created_at, updated_at) VALUES ($1, $2, 'queued', $3, $4, $5, $5, $5) ON CONFLICT (id) DO NOTHING",
      [job.id, job.queue, JSON.stringify(job.payload), job.maxAttempts, job.createdAt],
    );
    return (await this.get(job.id))!;
  }

  async get(id: string): Promise<QueueJobRecord | undefined> {
    const [row] = await rows<QueueJobRow>(this.pool, `SELECT ${columns} FROM queue_jobs WHERE id = $1`, [id]);
    return row ? toRecord(row) : undefined;
  }

  /** Also makes dead the jobs of `queue` whose lease expired once more than `policy.maxExpiredLeases` allows. */
  async lease(queue: string, workerId: string, leaseMs: number, now: number, policy: QueueJobRetryPolicy): Promise<QueueJobRecord | undefined> {
    const row = await retryingConflicts(() =>
      inTransaction(this.pool, async (client) => {
        await client.query(
          `UPDATE queue_jobs SET state = 'dead', expired_leases = expired_leases + 1,
             errors = ${appendError("'the lease of ' || lease_owner || ' expired, ' || (expired_leases + 1) || ' leases have expired'", '$4')},
             lease_owner = NULL, lease_expires_at = NULL, finished_at = $2, updated_at = $2
           WHERE queue = $1 AND state = 'running' AND lease_expires_at <= $2 AND expired_leases >= $3`,
          [queue, now, policy.maxExpiredLeases, policy.keptErrors],
        );
        const [leased] = await rows<QueueJobRow>(
          client,
          `UPDATE queue_jobs SET expired_leases = expired_leases + CASE WHEN state = 'running' THEN 1 ELSE 0 END, state = 'running', lease_owner = $2,
             lease_expires_at = $3::bigint + $4::bigint, updated_at = $3
           WHERE id = (
             SELECT id FROM queue_jobs
             WHERE queue = $1 AND ((state = 'queued' AND available_at <= $3) OR (state = 'running' AND lease_expires_at <= $3))
             ORDER BY created_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED)
           RETURNING ${columns}`,
          [queue, workerId, now, leaseMs],
        );
        return leased;
      }),
    );
    return row ? toRecord(row) : undefined;
  }

  async extend(id: string, workerId: string, leaseMs: number, now: number): Promise<boolean> {
    const result = await this.pool.query(`UPDATE queue_jobs SET lease_expires_at = $3::bigint + $4::bigint, updated_at = $3 WHERE ${heldLease}`, [id, workerId, now, leaseMs]);
    return result.rowCount === 1;
  }

  /** `stage` is a key of the checkpoints object (a path element, not parsed, so any name is safe). */
  async checkpoint(id: string, workerId: string, stage: string, value: unknown, now: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE queue_jobs SET checkpoints = jsonb_set(checkpoints::jsonb, ARRAY[$4::text], $5::jsonb)::text, updated_at = $3 WHERE ${heldLease}`,
      [id, workerId, now, stage, JSON.stringify(value ?? null)],
    );
    return result.rowCount === 1;
  }

  async complete(id: string, workerId: string, result: unknown, now: number): Promise<boolean> {
    const updated = await this.pool.query(
      `UPDATE queue_jobs SET state = 'done', result = $4, lease_owner = NULL, lease_expires_at = NULL, finished_at = $3, updated_at = $3 WHERE ${heldLease}`,
      [id, workerId, now, result === undefined ? null : JSON.stringify(result)],
    );
    return updated.rowCount === 1;
  }

  async fail(id: string, workerId: string, error: string, now: number, policy: QueueJobRetryPolicy): Promise<'queued' | 'dead' | undefined> {
    const [row] = await rows<{ state: 'queued' | 'dead' }>(
      this.pool,
      `UPDATE queue_jobs SET attempts = attempts + 1, errors = ${appendError('$4', '$6')},
         state = CASE WHEN attempts + 1 >= max_attempts THEN 'dead' ELSE 'queued' END,
         available_at = $3::bigint + $5::bigint * (1::bigint << LEAST(attempts, 30)),
         finished_at = CASE WHEN attempts + 1 >= max_attempts THEN $3::bigint END,
         lease_owner = NULL, lease_expires_at = NULL, updated_at = $3
       WHERE ${heldLease} RETURNING state`,
      [id, workerId, now, error, policy.backoffMs, policy.keptErrors],
    );
    return row?.state;
  }

  async release(id: string, workerId: string, now: number): Promise<boolean> {
    const result = await this.pool.query(`UPDATE queue_jobs SET state = 'queued', available_at = $3, lease_owner = NULL, lease_expires_at = NULL, updated_at = $3 WHERE ${heldLease}`, [id, workerId, now]);
    return result.rowCount === 1;
  }

  async park(id: string, workerId: string, note: string, now: number): Promise<boolean> {
    const result = await this.pool.query(`UPDATE queue_jobs SET state = 'in_review', note = $4, lease_owner = NULL, lease_expires_at = NULL, updated_at = $3 WHERE ${heldLease}`, [id, workerId, now, note]);
    return result.rowCount === 1;
  }

  /**
   * A reviewer's decision, when the job is still in review: settled as done with `result`, or requeued,
   * keeping only `keepCheckpoints` when given and counting an attempt with `error` when given.
   */
  async unpark(id: string, decision: QueueJobUnpark): Promise<boolean> {
    const requeue = decision.requeue;
    let checkpoints: string | null = null;
    if (requeue && decision.keepCheckpoints) {
      // A parked job has no lease, so its checkpoints cannot change between this read and the UPDATE.
      const kept = new Set(decision.keepCheckpoints);
      const current = (await this.get(id))?.checkpoints ?? {};
      checkpoints = JSON.stringify(Object.fromEntries(Object.entries(current).filter(([stage]) => kept.has(stage))));
    }
    const counted = requeue && decision.error !== undefined;
    const dead = '($6::boolean AND attempts + 1 >= max_attempts)';
    const result = await this.pool.query(
      `UPDATE queue_jobs SET state = CASE WHEN NOT $2::boolean THEN 'done' WHEN ${dead} THEN 'dead' ELSE 'queued' END, available_at = $8, note = coalesce($3, note),
         result = CASE WHEN $2::boolean THEN result ELSE $4 END, finished_at = CASE WHEN $2::boolean AND NOT ${dead} THEN NULL ELSE $8::bigint END,
         checkpoints = coalesce($5, checkpoints), attempts = attempts + CASE WHEN $6::boolean THEN 1 ELSE 0 END,
         errors = CASE WHEN $6::boolean THEN ${appendError('$7', '$9')} ELSE errors END, updated_at = $8
       WHERE id = $1 AND state = 'in_review'`,
      [
        id, requeue, decision.note ?? null, requeue || decision.result === undefined ? null : JSON.stringify(decision.result), checkpoints, counted,
        decision.error ?? null, decision.now, decision.keptErrors,
      ],
    );
    return result.rowCount === 1;
  }

  /** Oldest first. */
  async list(queue: string, state: QueueJobStateName | undefined, limit: number): Promise<QueueJobRecord[]> {
    const where = state === undefined ? 'queue = $2' : 'queue = $2 AND state = $3';
    const values: unknown[] = state === undefined ? [limit, queue] : [limit, queue, state];
    return (await rows<QueueJobRow>(this.pool, `SELECT ${columns} FROM queue_jobs WHERE ${where} ORDER BY created_at, seq LIMIT $1`, values)).map(toRecord);
  }

  /** By state. */
  counts(queue: string): Promise<QueueJobStateCount[]> {
    return rows<QueueJobStateCount>(this.pool, 'SELECT state, COUNT(*) AS count, MIN(created_at) AS "oldestCreatedAt" FROM queue_jobs WHERE queue = $1 GROUP BY state ORDER BY state', [queue]);
  }
}
