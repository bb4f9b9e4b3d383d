// The `runs` table: one row per eval run, its configuration as JSON and the columns that runs
// are listed and compared by (start time, dataset hash, status).
import type { Database, Statement } from 'better-sqlite3';
import { ambiguousRunIdsShown } from './constants.js';
import { runAlreadyExists, runIdAmbiguous, runInProgress, runNotFound } from './errors.js';
import type { RunConfig, RunOwner, RunRecord, RunStatus } from './records.js';
import { StatementCache, whereClause } from './statement-cache.js';

export interface ListRunsOptions {
  /** All runs when not given. */
  limit?: number;
  offset?: number;
  datasetHash?: string;
  status?: RunStatus;
}

export interface LatestRunOptions {
  datasetHash?: string;
  /** Any status when not given; `--baseline latest` asks for `completed`. */
  status?: RunStatus;
  /** Leaves out this run, typically the one being made. */
  excludeId?: string;
}

export interface RunRow {
  id: string;
  started_at: number;
  finished_at: number | null;
  status: RunStatus;
  git_commit: string | null;
  dataset_path: string;
  dataset_hash: string;
  config: string;
  planned_results: number;
  owner_host: string | null;
  owner_pid: number | null;
  owner_scope: string | null;
  heartbeat_at: number | null;
}

function toRow(run: RunRecord): RunRow {
  return {
    id: run.id,
    started_at: run.startedAt,
    finished_at: run.finishedAt ?? null,
    status: run.status,
    git_commit: run.gitCommit ?? null,
    dataset_path: run.datasetPath,
    dataset_hash: run.datasetHash,
    config: JSON.stringify(run.config),
    planned_results: run.plannedResults,
    owner_host: run.owner?.host ?? null,
    owner_pid: run.owner?.pid ?? null,
    owner_scope: run.owner?.scope ?? null,
    heartbeat_at: run.heartbeatAt ?? null,
  };
}

export function fromRow(row: RunRow): RunRecord {
  return {
    id: row.id,
    startedAt: row.started_at,
    ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
    status: row.status,
    ...(row.git_commit === null ? {} : { gitCommit: row.git_commit }),
    datasetPath: row.dataset_path,
    datasetHash: row.dataset_hash,
    config: JSON.parse(row.config) as RunConfig,
    plannedResults: row.planned_results,
    ...(row.owner_host === null || row.owner_pid === null ? {} : { owner: { host: row.owner_host, pid: row.owner_pid, scope: row.owner_scope ?? '' } }),
    ...(row.heartbeat_at === null ? {} : { heartbeatAt: row.heartbeat_at }),
  };
}

/** Every string that starts with `prefix` sorts between it and this bound (SQLite compares UTF-8 bytes). */
function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

export class RunTable {
  private readonly statements: StatementCache;
  private readonly insert: Statement;
  private readonly updateStatus: Statement;
  private readonly selectById: Statement;
  private readonly selectIdsByPrefix: Statement;
  private readonly selectRunning: Statement;
  private readonly markAbandoned: Statement;
  private readonly updateHeartbeat: Statement;
  private readonly updateOwner: Statement;
  private readonly updateJoined: Statement;

  constructor(database: Database) {
    this.statements = new StatementCache(database);
    this.insert = database.prepare(
      `INSERT INTO runs (id, started_at, finished_at, status, git_commit, dataset_path, dataset_hash, config, planned_results, owner_host, owner_pid, owner_scope, heartbeat_at)
       VALUES (@id, @started_at, @finished_at, @status, @git_commit, @dataset_path, @dataset_hash, @config, @planned_results, @owner_host, @owner_pid, @owner_scope, @heartbeat_at)
       ON CONFLICT (id) DO NOTHING`,
    );
    this.updateStatus = database.prepare('UPDATE runs SET status = @status, finished_at = @finished_at WHERE id = @id');
    this.selectById = database.prepare('SELECT * FROM runs WHERE id = ?');
    this.selectIdsByPrefix = database.prepare('SELECT id FROM runs WHERE id >= @prefix AND id < @upper ORDER BY id LIMIT @limit');
    this.selectRunning = database.prepare("SELECT * FROM runs WHERE status = 'running'");
    // Only if nobody has reopened or finished the run since it was read: the same owner and heartbeat.
    this.markAbandoned = database.prepare(
      `UPDATE runs SET status = 'interrupted', finished_at = @finished_at
       WHERE id = @id AND status = 'running' AND owner_pid IS @owner_pid AND owner_host IS @owner_host AND heartbeat_at IS @heartbeat_at`,
    );
    this.updateHeartbeat = database.prepare("UPDATE runs SET heartbeat_at = @heartbeat_at WHERE id = @id AND status = 'running' AND owner_pid = @owner_pid AND owner_host = @owner_host");
    this.updateOwner = database.prepare(
      `UPDATE runs SET status = 'running', finished_at = NULL, owner_host = @owner_host, owner_pid = @owner_pid, owner_scope = @owner_scope, heartbeat_at = @heartbeat_at
       WHERE id = @id AND status <> 'running'`,
    );
    this.updateJoined = database.prepare(
      `UPDATE runs SET status = 'running', finished_at = NULL, owner_host = @owner_host, owner_pid = @owner_pid, owner_scope = @owner_scope, heartbeat_at = @heartbeat_at
       WHERE id = @id`,
    );
  }

  /** Inserts the run unless one has its id; true when it was inserted. */
  createIfAbsent(run: RunRecord): boolean {
    return this.insert.run(toRow(run)).changes > 0;
  }

  /** Running, owned by `owner`, whatever it was: a shard of a run made by several processes has joined it (sharded-runs.ts). */
  join(id: string, owner: RunOwner, at: number): void {
    if (this.updateJoined.run({ id, owner_host: owner.host, owner_pid: owner.pid, owner_scope: owner.scope, heartbeat_at: at }).changes === 0) throw runNotFound(id);
  }

  create(run: RunRecord): void {
    if (this.insert.run(toRow(run)).changes === 0) throw runAlreadyExists(run.id);
  }

  setStatus(id: string, status: RunStatus, finishedAt: number | undefined): void {
    if (this.updateStatus.run({ id, status, finished_at: finishedAt ?? null }).changes === 0) throw runNotFound(id);
  }

  /** Runs whose status is `running`, whether or not their owner still lives. */
  running(): RunRecord[] {
    return (this.selectRunning.all() as RunRow[]).map(fromRow);
  }

  /** Marks a running run interrupted, as of its last heartbeat, unless it changed since it was read; true if it did. */
  markInterrupted(run: RunRecord): boolean {
    const heartbeatAt = run.heartbeatAt ?? null;
    return (
      this.markAbandoned.run({ id: run.id, finished_at: heartbeatAt ?? run.startedAt, owner_pid: run.owner?.pid ?? null, owner_host: run.owner?.host ?? null, heartbeat_at: heartbeatAt })
        .changes > 0
    );
  }

  heartbeat(id: string, owner: RunOwner, at: number): void {
    this.updateHeartbeat.run({ id, owner_pid: owner.pid, owner_host: owner.host, heartbeat_at: at });
  }

  /** Running again, owned by `owner`; refused while the run is running (in another process, since abandoned runs are settled first). */
  reopen(id: string, owner: RunOwner, at: number): void {
    if (this.updateOwner.run({ id, owner_host: owner.host, owner_pid: owner.pid, owner_scope: owner.scope, heartbeat_at: at }).changes > 0) return;
    const run = this.get(id);
    throw run ? runInProgress(run) : runNotFound(id);
  }

  get(id: string): RunRecord | undefined {
    const row = this.selectById.get(id) as RunRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  exists(id: string): boolean {
    return this.selectById.get(id) !== undefined;
  }

  list(options: ListRunsOptions = {}): RunRecord[] {
    const where = whereClause([
      ['dataset_hash = @datasetHash', 'datasetHash', options.datasetHash],
      ['status = @status', 'status', options.status],
    ]);
    const sql = `SELECT * FROM runs ${where.sql} ORDER BY started_at DESC, id DESC LIMIT @limit OFFSET @offset`;
    // SQLite reads a negative LIMIT as "no limit".
    const rows = this.statements.get(sql).all({ ...where.parameters, limit: options.limit ?? -1, offset: options.offset ?? 0 }) as RunRow[];
    return rows.map(fromRow);
  }

  latest(options: LatestRunOptions = {}): RunRecord | undefined {
    const where = whereClause([
      ['dataset_hash = @datasetHash', 'datasetHash', options.datasetHash],
      ['status = @status', 'status', options.status],
      ['id <> @excludeId', 'excludeId', options.excludeId],
    ]);
    const sql = `SELECT * FROM runs ${where.sql} ORDER BY started_at DESC, id DESC LIMIT 1`;
    const row = this.statements.get(sql).get(where.parameters) as RunRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The id itself when a run has it, else the one run whose id starts with it. */
  resolveId(idOrPrefix: string): string {
    if (idOrPrefix === '') throw runNotFound(idOrPrefix);
    if (this.exists(idOrPrefix)) return idOrPrefix;
    const rows = this.selectIdsByPrefix.all({ prefix: idOrPrefix, upper: prefixUpperBound(idOrPrefix), limit: ambiguousRunIdsShown + 1 }) as Array<{ id: string }>;
    const matches = rows.map((row) => row.id).filter((id) => id.startsWith(idOrPrefix));
    if (matches.length === 0) throw runNotFound(idOrPrefix);
    if (matches.length > 1) throw runIdAmbiguous(idOrPrefix, matches.slice(0, ambiguousRunIdsShown), matches.length > ambiguousRunIdsShown);
    return matches[0]!;
  }
}
