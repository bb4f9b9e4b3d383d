// The `runs` table on PostgreSQL: the same rows and rules as store/run-table.ts (SQLite), each change
// one conditional statement so that processes sharing the database never overwrite each other.
import { ambiguousRunIdsShown } from '../constants.js';
import { runAlreadyExists, runIdAmbiguous, runInProgress, runNotFound } from '../errors.js';
import type { RunOwner, RunRecord, RunStatus } from '../records.js';
import { fromRow } from '../run-table.js';
import type { LatestRunOptions, ListRunsOptions, RunRow } from '../run-table.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';
import { SqlParameters, whereSql } from './sql-parameters.js';

export { fromRow as runFromRow };

const insertColumns = ['id', 'started_at', 'finished_at', 'status', 'git_commit', 'dataset_path', 'dataset_hash', 'config', 'planned_results', 'owner_host', 'owner_pid', 'owner_scope', 'heartbeat_at'] as const;

function filters(options: { datasetHash?: string; status?: RunStatus; excludeId?: string }, parameters: SqlParameters): string {
  const conditions: string[] = [];
  if (options.datasetHash !== undefined) conditions.push(`dataset_hash = ${parameters.add(options.datasetHash)}`);
  if (options.status !== undefined) conditions.push(`status = ${parameters.add(options.status)}`);
  if (options.excludeId !== undefined) conditions.push(`id <> ${parameters.add(options.excludeId)}`);
  return whereSql(conditions);
}

export class PostgresRunTable {
  constructor(private readonly database: Queryable) {}

  async create(run: RunRecord): Promise<void> {
    if (!(await this.createIfAbsent(run))) throw runAlreadyExists(run.id);
  }

  /** Inserts the run unless its id is taken; true when it did. */
  async createIfAbsent(run: RunRecord): Promise<boolean> {
    const values = [
      run.id, run.startedAt, run.finishedAt ?? null, run.status, run.gitCommit ?? null, run.datasetPath, run.datasetHash, JSON.stringify(run.config),
      run.plannedResults, run.owner?.host ?? null, run.owner?.pid ?? null, run.owner?.scope ?? null, run.heartbeatAt ?? null,
    ];
    const result = await this.database.query(
      `INSERT INTO runs (${insertColumns.join(', ')}) VALUES (${insertColumns.map((_, index) => `$${index + 1}`).join(', ')}) ON CONFLICT (id) DO NOTHING`,
      values,
    );
    return (result.rowCount ?? 0) > 0;
  }

  /** The run, its row locked until the transaction ends: what serialises shards joining and finishing one run. */
  async getForUpdate(id: string): Promise<RunRecord | undefined> {
    const [row] = await rows<RunRow>(this.database, 'SELECT * FROM runs WHERE id = $1 FOR UPDATE', [id]);
    return row ? fromRow(row) : undefined;
  }

  /** Running, owned by `owner`, whatever it was: a shard of a run made by several processes has joined it. */
  async join(id: string, owner: RunOwner, at: number): Promise<void> {
    const result = await this.database.query(
      `UPDATE runs SET status = 'running', finished_at = NULL, owner_host = $2, owner_pid = $3, owner_scope = $4, heartbeat_at = $5 WHERE id = $1`,
      [id, owner.host, owner.pid, owner.scope, at],
    );
    if (result.rowCount === 0) throw runNotFound(id);
  }

  async setStatus(id: string, status: RunStatus, finishedAt: number | undefined): Promise<void> {
    const result = await this.database.query('UPDATE runs SET status = $2, finished_at = $3 WHERE id = $1', [id, status, finishedAt ?? null]);
    if (result.rowCount === 0) throw runNotFound(id);
  }

  /** Runs whose status is `running`, whether or not their owner still lives (the partial index runs_running). */
  async running(): Promise<RunRecord[]> {
    return (await rows<RunRow>(this.database, "SELECT * FROM runs WHERE status = 'running'")).map(fromRow);
  }

  /** Marks a running run interrupted, as of its last heartbeat, unless it changed since it was read; true if it did. */
  async markInterrupted(run: RunRecord): Promise<boolean> {
    const heartbeatAt = run.heartbeatAt ?? null;
    const result = await this.database.query(
      `UPDATE runs SET status = 'interrupted', finished_at = $2
       WHERE id = $1 AND status = 'running' AND owner_pid IS NOT DISTINCT FROM $3 AND owner_host IS NOT DISTINCT FROM $4 AND heartbeat_at IS NOT DISTINCT FROM $5`,
      [run.id, heartbeatAt ?? run.startedAt, run.owner?.pid ?? null, run.owner?.host ?? null, heartbeatAt],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async heartbeat(id: string, owner: RunOwner, at: number): Promise<void> {
    await this.database.query("UPDATE runs SET heartbeat_at = GREATEST(heartbeat_at, $4) WHERE id = $1 AND status = 'running' AND owner_pid = $2 AND owner_host = $3", [id, owner.pid, owner.host, at]);
  }

  /** Running again, owned by `owner`; refused while the run is running (in another process, since abandoned runs are settled first). */
  async reopen(id: string, owner: RunOwner, at: number): Promise<void> {
    const result = await this.database.query(
      `UPDATE runs SET status = 'running', finished_at = NULL, owner_host = $2, owner_pid = $3, owner_scope = $4, heartbeat_at = $5
       WHERE id = $1 AND status <> 'running'`,
      [id, owner.host, owner.pid, owner.scope, at],
    );
    if ((result.rowCount ?? 0) > 0) return;
    const run = await this.get(id);
    throw run ? runInProgress(run) : runNotFound(id);
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const [row] = await rows<RunRow>(this.database, 'SELECT * FROM runs WHERE id = $1', [id]);
    return row ? fromRow(row) : undefined;
  }

  async exists(id: string): Promise<boolean> {
    return (await rows(this.database, 'SELECT 1 FROM runs WHERE id = $1', [id])).length > 0;
  }

  async list(options: ListRunsOptions = {}): Promise<RunRecord[]> {
    const parameters = new SqlParameters();
    const where = filters(options, parameters);
    // LIMIT NULL is no limit.
    const sql = `SELECT * FROM runs ${where} ORDER BY started_at DESC, id DESC LIMIT ${parameters.add(options.limit ?? null)} OFFSET ${parameters.add(options.offset ?? 0)}`;
    return (await rows<RunRow>(this.database, sql, parameters.values)).map(fromRow);
  }

  async latest(options: LatestRunOptions = {}): Promise<RunRecord | undefined> {
    const parameters = new SqlParameters();
    const [row] = await rows<RunRow>(this.database, `SELECT * FROM runs ${filters(options, parameters)} ORDER BY started_at DESC, id DESC LIMIT 1`, parameters.values);
    return row ? fromRow(row) : undefined;
  }

  /** The id itself when a run has it, else the one run whose id starts with it (a range scan of the primary key, which compares bytes). */
  async resolveId(idOrPrefix: string): Promise<string> {
    if (idOrPrefix === '') throw runNotFound(idOrPrefix);
    if (await this.exists(idOrPrefix)) return idOrPrefix;
    const found = await rows<{ id: string }>(
      this.database,
      'SELECT id FROM runs WHERE id >= $1 AND id < $2 ORDER BY id LIMIT $3',
      [idOrPrefix, `${idOrPrefix}\u{10FFFF}`, ambiguousRunIdsShown + 1],
    );
    const matches = found.map((row) => row.id).filter((id) => id.startsWith(idOrPrefix));
    if (matches.length === 0) throw runNotFound(idOrPrefix);
    if (matches.length > 1) throw runIdAmbiguous(idOrPrefix, matches.slice(0, ambiguousRunIdsShown), matches.length > ambiguousRunIdsShown);
    return matches[0]!;
  }
}
