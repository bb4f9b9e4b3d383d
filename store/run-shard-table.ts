// The `run_shards` table: one row per shard of a run that several processes make together, with the
// shard's status, owner and heartbeat. Every change is one statement; sharded-runs.ts puts them together
// in transactions.
import type { Database, Statement } from 'better-sqlite3';
import type { RunOwner, RunShardRecord, RunStatus } from './records.js';

interface RunShardRow {
  run_id: string;
  shard_index: number;
  shard_count: number;
  status: RunStatus;
  planned_results: number;
  started_at: number;
  finished_at: number | null;
  owner_host: string | null;
  owner_pid: number | null;
  owner_scope: string | null;
  heartbeat_at: number | null;
}

function fromRow(row: RunShardRow): RunShardRecord {
  return {
    runId: row.run_id,
    index: row.shard_index,
    count: row.shard_count,
    status: row.status,
    plannedResults: row.planned_results,
    startedAt: row.started_at,
    ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
    ...(row.owner_host === null || row.owner_pid === null ? {} : { owner: { host: row.owner_host, pid: row.owner_pid, scope: row.owner_scope ?? '' } }),
    ...(row.heartbeat_at === null ? {} : { heartbeatAt: row.heartbeat_at }),
  };
}

export interface ShardStart {
  runId: string;
  index: number;
  count: number;
  plannedResults: number;
  owner: RunOwner;
  at: number;
}

export class RunShardTable {
  private readonly selectOne: Statement;
  private readonly selectAll: Statement;
  private readonly upsertRunning: Statement;
  private readonly updateFinished: Statement;
  private readonly markAbandoned: Statement;
  private readonly updateHeartbeat: Statement;
  private readonly insertFinished: Statement;

  constructor(database: Database) {
    this.insertFinished = database.prepare(
      `INSERT INTO run_shards (run_id, shard_index, shard_count, status, planned_results, started_at, finished_at, owner_host, owner_pid, owner_scope, heartbeat_at)
       VALUES (@run_id, @shard_index, @shard_count, @status, @planned_results, @started_at, @finished_at, NULL, NULL, NULL, NULL)`,
    );
    this.selectOne = database.prepare('SELECT * FROM run_shards WHERE run_id = ? AND shard_index = ?');
    this.selectAll = database.prepare('SELECT * FROM run_shards WHERE run_id = ? ORDER BY shard_index');
    // A shard run again keeps its first start, so the run's timeline starts when its work did.
    this.upsertRunning = database.prepare(
      `INSERT INTO run_shards (run_id, shard_index, shard_count, status, planned_results, started_at, finished_at, owner_host, owner_pid, owner_scope, heartbeat_at)
       VALUES (@run_id, @shard_index, @shard_count, 'running', @planned_results, @at, NULL, @owner_host, @owner_pid, @owner_scope, @at)
       ON CONFLICT (run_id, shard_index) DO UPDATE SET status = 'running', finished_at = NULL,
         owner_host = excluded.owner_host, owner_pid = excluded.owner_pid, owner_scope = excluded.owner_scope, heartbeat_at = excluded.heartbeat_at`,
    );
    // Only the process that holds the shard finishes it: one that was taken for dead and replaced does not.
    this.updateFinished = database.prepare(
      `UPDATE run_shards SET status = @status, finished_at = @finished_at
       WHERE run_id = @run_id AND shard_index = @shard_index AND status = 'running' AND owner_pid = @owner_pid AND owner_host = @owner_host`,
    );
    this.markAbandoned = database.prepare(
      `UPDATE run_shards SET status = 'interrupted', finished_at = @finished_at
       WHERE run_id = @run_id AND shard_index = @shard_index AND status = 'running' AND owner_pid IS @owner_pid AND owner_host IS @owner_host AND heartbeat_at IS @heartbeat_at`,
    );
    this.updateHeartbeat = database.prepare(
      `UPDATE run_shards SET heartbeat_at = @heartbeat_at
       WHERE run_id = @run_id AND shard_index = @shard_index AND status = 'running' AND owner_pid = @owner_pid AND owner_host = @owner_host`,
    );
  }

  get(runId: string, index: number): RunShardRecord | undefined {
    const row = this.selectOne.get(runId, index) as RunShardRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** By shard index. */
  list(runId: string): RunShardRecord[] {
    return (this.selectAll.all(runId) as RunShardRow[]).map(fromRow);
  }

  start(shard: ShardStart): void {
    this.upsertRunning.run({
      run_id: shard.runId,
      shard_index: shard.index,
      shard_count: shard.count,
      planned_results: shard.plannedResults,
      at: shard.at,
      owner_host: shard.owner.host,
      owner_pid: shard.owner.pid,
      owner_scope: shard.owner.scope,
    });
  }

  /** True when this owner held the shard and it is now finished. */
  finish(runId: string, index: number, owner: RunOwner, status: Exclude<RunStatus, 'running'>, finishedAt: number): boolean {
    return this.updateFinished.run({ run_id: runId, shard_index: index, owner_pid: owner.pid, owner_host: owner.host, status, finished_at: finishedAt }).changes > 0;
  }

  /** Interrupted as of its last heartbeat, unless it changed since it was read. */
  markInterrupted(shard: RunShardRecord): boolean {
    const heartbeatAt = shard.heartbeatAt ?? null;
    return (
      this.markAbandoned.run({
        run_id: shard.runId,
        shard_index: shard.index,
        finished_at: heartbeatAt ?? shard.startedAt,
        owner_pid: shard.owner?.pid ?? null,
        owner_host: shard.owner?.host ?? null,
        heartbeat_at: heartbeatAt,
      }).changes > 0
    );
  }

  /** A shard made elsewhere, as `agentlab merge` copies it: no owner here. */
  insert(shard: RunShardRecord): void {
    this.insertFinished.run({
      run_id: shard.runId,
      shard_index: shard.index,
      shard_count: shard.count,
      status: shard.status,
      planned_results: shard.plannedResults,
      started_at: shard.startedAt,
      finished_at: shard.finishedAt ?? null,
    });
  }

  heartbeat(runId: string, index: number, owner: RunOwner, at: number): void {
    this.updateHeartbeat.run({ run_id: runId, shard_index: index, owner_pid: owner.pid, owner_host: owner.host, heartbeat_at: at });
  }
}
