// The `run_shards` table on PostgreSQL: one row per shard of a run several processes make together,
// the same statements as store/run-shard-table.ts; sharded-runs.ts puts them together in transactions.
import type { RunOwner, RunShardRecord, RunStatus } from '../records.js';
import type { ShardStart } from '../run-shard-table.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';

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

export class PostgresRunShardTable {
  constructor(private readonly database: Queryable) {}

  async get(runId: string, index: number): Promise<RunShardRecord | undefined> {
    const [row] = await rows<RunShardRow>(this.database, 'SELECT * FROM run_shards WHERE run_id = $1 AND shard_index = $2', [runId, index]);
    return row ? fromRow(row) : undefined;
  }

  /** By shard index. */
  async list(runId: string): Promise<RunShardRecord[]> {
    return (await rows<RunShardRow>(this.database, 'SELECT * FROM run_shards WHERE run_id = $1 ORDER BY shard_index', [runId])).map(fromRow);
  }

  /** Running under `owner`; a shard run again keeps its first start, so the run's timeline starts when its work did. */
  async start(shard: ShardStart): Promise<void> {
    await this.database.query(
      `INSERT INTO run_shards (run_id, shard_index, shard_count, status, planned_results, started_at, finished_at, owner_host, owner_pid, owner_scope, heartbeat_at)
       VALUES ($1, $2, $3, 'running', $4, $5, NULL, $6, $7, $8, $5)
       ON CONFLICT (run_id, shard_index) DO UPDATE SET status = 'running', finished_at = NULL,
         owner_host = excluded.owner_host, owner_pid = excluded.owner_pid, owner_scope = excluded.owner_scope, heartbeat_at = excluded.heartbeat_at`,
      [shard.runId, shard.index, shard.count, shard.plannedResults, shard.at, shard.owner.host, shard.owner.pid, shard.owner.scope],
    );
  }

  /** True when this owner held the shard and it is now finished: one taken for dead and replaced does not finish it. */
  async finish(runId: string, index: number, owner: RunOwner, status: Exclude<RunStatus, 'running'>, finishedAt: number): Promise<boolean> {
    const result = await this.database.query(
      `UPDATE run_shards SET status = $5, finished_at = $6
       WHERE run_id = $1 AND shard_index = $2 AND status = 'running' AND owner_pid = $3 AND owner_host = $4`,
      [runId, index, owner.pid, owner.host, status, finishedAt],
    );
    return (result.rowCount ?? 0) > 0;
  }

  /** Interrupted as of its last heartbeat, unless it changed since it was read. */
  async markInterrupted(shard: RunShardRecord): Promise<boolean> {
    const heartbeatAt = shard.heartbeatAt ?? null;
    const result = await this.database.query(
      `UPDATE run_shards SET status = 'interrupted', finished_at = $3
       WHERE run_id = $1 AND shard_index = $2 AND status = 'running'
         AND owner_pid IS NOT DISTINCT FROM $4 AND owner_host IS NOT DISTINCT FROM $5 AND heartbeat_at IS NOT DISTINCT FROM $6`,
      [shard.runId, shard.index, heartbeatAt ?? shard.startedAt, shard.owner?.pid ?? null, shard.owner?.host ?? null, heartbeatAt],
    );
    return (result.rowCount ?? 0) > 0;
  }

  /** A shard made elsewhere, as `agentlab merge` copies it: no owner here. */
  async insert(shard: RunShardRecord): Promise<void> {
    await this.database.query(
      `INSERT INTO run_shards (run_id, shard_index, shard_count, status, planned_results, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [shard.runId, shard.index, shard.count, shard.status, shard.plannedResults, shard.startedAt, shard.finishedAt ?? null],
    );
  }

  async heartbeat(runId: string, index: number, owner: RunOwner, at: number): Promise<void> {
    await this.database.query(
      `UPDATE run_shards SET heartbeat_at = GREATEST(heartbeat_at, $5)
       WHERE run_id = $1 AND shard_index = $2 AND status = 'running' AND owner_pid = $3 AND owner_host = $4`,
      [runId, index, owner.pid, owner.host, at],
    );
  }
}
