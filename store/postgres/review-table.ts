// The reviews table on PostgreSQL: store/review-table.ts's queue. Deciding is one conditional UPDATE,
// so of two reviewers exactly one wins; addOnce is one INSERT … WHERE NOT EXISTS under a transaction
// lock on the cell, so two writers cannot both add it.
import { reviewAlreadyDecided, reviewInputInvalid, reviewNotFound } from '../human-loop-errors.js';
import type { NewReview, ReviewDecisionInput, ReviewListOptions, ReviewQueueStats, ReviewRecord } from '../human-loop-records.js';
import type { ReviewRow, ReviewTable } from '../review-table.js';
import { toRecord } from '../review-table.js';
import { newShortId } from '../short-id.js';
import type { AsyncMethods } from '../store-backend.js';
import { inTransaction, rows } from './queryable.js';
import type { Connections } from './queryable.js';
import type { Queryable } from './queryable.js';
import { resolveShortId } from './short-id.js';

const columns =
  'id, kind, status, run_id AS "runId", case_id AS "caseId", epoch, agent, model, goal, answer, confidence, reasoning, error_report AS "errorReport", ' +
  'steps, trace_id AS "traceId", created_at AS "createdAt", decided_at AS "decidedAt", decided_by AS "decidedBy", note, correction, episode_id AS "episodeId"';

const insertColumns = 'id, kind, status, run_id, case_id, epoch, agent, model, goal, answer, confidence, reasoning, error_report, steps, trace_id, created_at';

const defaultListLimit = 100;

/** The values of insertColumns after id and kind's 'pending' status, as $3… */
function reviewValues(id: string, input: NewReview): unknown[] {
  return [
    id, input.kind, input.runId, input.caseId ?? null, input.epoch ?? null, input.agent, input.model, input.goal, input.answer,
    input.confidence ?? null, input.reasoning ?? null, input.errorReport ? JSON.stringify(input.errorReport) : null, input.steps, input.traceId ?? null, input.createdAt,
  ];
}

const valuesSql = "$1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15";

export class PostgresReviewTable implements AsyncMethods<ReviewTable> {
  constructor(private readonly pool: Connections, private readonly database: Queryable = pool) {}

  async add(input: NewReview): Promise<ReviewRecord> {
    const id = newShortId();
    await this.database.query(`INSERT INTO reviews (${insertColumns}) VALUES (${valuesSql})`, reviewValues(id, input));
    return (await this.get(id))!;
  }

  async addOnce(input: NewReview): Promise<ReviewRecord | undefined> {
    const id = newShortId();
    // Two writers of the same cell take turns on a lock of the cell's key, so the second sees the first's row.
    const added = await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [JSON.stringify(['review', input.kind, input.runId, input.caseId ?? null, input.agent, input.model, input.epoch ?? null])]);
      const result = await client.query(
        `INSERT INTO reviews (${insertColumns}) SELECT ${valuesSql}
         WHERE NOT EXISTS (SELECT 1 FROM reviews WHERE kind = $2 AND run_id = $3 AND case_id IS NOT DISTINCT FROM $4 AND agent = $6 AND model = $7 AND epoch IS NOT DISTINCT FROM $5)`,
        reviewValues(id, input),
      );
      return result.rowCount === 1;
    });
    return added ? this.get(id) : undefined;
  }

  /** Many entries in one transaction, all or none. */
  async addMany(inputs: readonly NewReview[]): Promise<ReviewRecord[]> {
    return inTransaction(this.pool, async (client) => {
      const within = new PostgresReviewTable(this.pool, client);
      const added: ReviewRecord[] = [];
      for (const input of inputs) added.push(await within.add(input));
      return added;
    });
  }

  async get(id: string): Promise<ReviewRecord | undefined> {
    const [row] = await rows<ReviewRow>(this.database, `SELECT ${columns} FROM reviews WHERE id = $1`, [id]);
    return row ? toRecord(row) : undefined;
  }

  resolveId(idOrPrefix: string): Promise<string> {
    return resolveShortId(this.database, 'reviews', idOrPrefix, 'Review', reviewNotFound);
  }

  /** Pending oldest first (the queue's order); decided newest first. */
  async list(options: ReviewListOptions = {}): Promise<ReviewRecord[]> {
    const status = options.status;
    const where = status === undefined ? '' : 'WHERE status = $3';
    const order = status === 'pending' ? 'created_at ASC' : "status = 'pending' DESC, CASE WHEN status = 'pending' THEN created_at END ASC, decided_at DESC";
    const sql = `SELECT ${columns} FROM reviews ${where} ORDER BY ${order}, id LIMIT $1 OFFSET $2`;
    const values: unknown[] = [options.limit ?? defaultListLimit, options.offset ?? 0, ...(status === undefined ? [] : [status])];
    return (await rows<ReviewRow>(this.database, sql, values)).map(toRecord);
  }

  async pendingCount(): Promise<number> {
    const [row] = await rows<{ count: number }>(this.database, "SELECT COUNT(*) AS count FROM reviews WHERE status = 'pending'");
    return row?.count ?? 0;
  }

  async stats(): Promise<ReviewQueueStats> {
    const [row] = await rows<{ pending: number | null; oldestPendingAt: number | null; decided: number | null }>(
      this.database,
      `SELECT SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending, MIN(CASE WHEN status = 'pending' THEN created_at END) AS "oldestPendingAt",
              SUM(CASE WHEN status <> 'pending' THEN 1 ELSE 0 END) AS decided FROM reviews`,
    );
    return { pending: row?.pending ?? 0, decided: row?.decided ?? 0, ...(row?.oldestPendingAt == null ? {} : { oldestPendingAt: row.oldestPendingAt }) };
  }

  async decide(id: string, input: ReviewDecisionInput): Promise<ReviewRecord> {
    if (input.action === 'corrected' && (input.correction === undefined || input.correction.trim() === '')) {
      throw reviewInputInvalid(`Correcting review ${id} needs the corrected answer.`);
    }
    const result = await this.database.query(
      "UPDATE reviews SET status = $1, decided_by = $2, decided_at = $3, note = $4, correction = $5 WHERE id = $6 AND status = 'pending'",
      [input.action, input.by, input.at, input.note ?? null, input.action === 'corrected' ? input.correction! : null, id],
    );
    const review = await this.get(id);
    if (!review) throw reviewNotFound(id);
    if (result.rowCount !== 1) throw reviewAlreadyDecided(review);
    return review;
  }

  async setEpisode(id: string, episodeId: number): Promise<void> {
    await this.database.query('UPDATE reviews SET episode_id = $1 WHERE id = $2', [episodeId, id]);
  }
}
