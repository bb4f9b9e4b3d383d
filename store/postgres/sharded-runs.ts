// Runs that several processes make together, one shard each, on PostgreSQL: store/sharded-runs.ts's
// rules, each step one transaction that first locks the run's row (SELECT … FOR UPDATE), so shards of
// one run starting or finishing at the same moment take turns and see each other, while other runs
// are not held up.
import { runNotFound, runNotSharded, shardInProgress } from '../errors.js';
import type { RunOwner, RunRecord, RunShardRecord, RunStatus } from '../records.js';
import { isAbandoned, type AbandonedRunOptions } from '../run-owner.js';
import { statusFromShards } from '../sharded-runs.js';
import type { ShardJoin, ShardJoined } from '../sharded-runs.js';
import { inTransaction, retryingConflicts } from './queryable.js';
import type { Connections } from './queryable.js';
import type { Queryable } from './queryable.js';
import { PostgresRunShardTable } from './run-shard-table.js';
import { PostgresRunTable } from './run-table.js';

export class PostgresShardedRuns {
  constructor(private readonly pool: Connections) {}

  /**
   * Records `run` unless its id is taken, then registers the shard as running under `owner`. A shard
   * already running in a live process is refused (AGENTLAB_SHARD_IN_PROGRESS); one that completed, was
   * interrupted or whose process is gone is taken over, so running it again resumes it.
   */
  join(run: RunRecord, shard: ShardJoin, owner: RunOwner, abandoned: Omit<AbandonedRunOptions, 'here'>): Promise<ShardJoined> {
    return retryingConflicts(() =>
      inTransaction(this.pool, async (client) => {
        const runs = new PostgresRunTable(client);
        const shards = new PostgresRunShardTable(client);
        const created = await runs.createIfAbsent(run);
        const existing = (await runs.getForUpdate(run.id))!;
        if (!created) {
          if (existing.config.shards === undefined) throw runNotSharded(existing);
          shard.check?.(existing);
        }
        const count = existing.config.shards ?? 1;
        const previous = await shards.get(run.id, shard.index);
        if (previous?.status === 'running' && !isAbandoned(previous, { ...abandoned, here: owner })) throw shardInProgress(previous);
        await shards.start({ runId: run.id, index: shard.index, count, plannedResults: shard.plannedResults, owner, at: abandoned.now });
        await runs.join(run.id, owner, abandoned.now);
        return { run: (await runs.get(run.id))!, created };
      }),
    );
  }

  /** Finishes the shard `owner` holds and settles the run from its shards; returns the run as it now stands. */
  finish(runId: string, index: number, status: Exclude<RunStatus, 'running'>, finishedAt: number, owner: RunOwner, abandoned: Omit<AbandonedRunOptions, 'here'>): Promise<RunRecord> {
    return retryingConflicts(() =>
      inTransaction(this.pool, async (client) => {
        if (!(await new PostgresRunTable(client).getForUpdate(runId))) throw runNotFound(runId);
        await new PostgresRunShardTable(client).finish(runId, index, owner, status, finishedAt);
        return settleRun(client, runId, { ...abandoned, here: owner });
      }),
    );
  }

  /**
   * Marks the shards whose process is gone interrupted and gives the run the status its shards make.
   * Every read of runs calls it for each running run made by shards, so it locks the run's row only
   * when something is to change: shards at work are not held up by the report server's reads.
   */
  async settle(run: RunRecord, options: AbandonedRunOptions): Promise<void> {
    const shards = await new PostgresRunShardTable(this.pool).list(run.id);
    const stale = shards.some((shard) => isAbandoned(shard, options));
    if (!stale && statusFromShards(run.config.shards ?? 1, shards).status === run.status) return;
    await retryingConflicts(() =>
      inTransaction(this.pool, async (client) => {
        if (!(await new PostgresRunTable(client).getForUpdate(run.id))) throw runNotFound(run.id);
        await settleRun(client, run.id, options);
      }),
    );
  }

  list(runId: string): Promise<RunShardRecord[]> {
    return new PostgresRunShardTable(this.pool).list(runId);
  }

  heartbeat(runId: string, index: number, owner: RunOwner, at: number): Promise<void> {
    return new PostgresRunShardTable(this.pool).heartbeat(runId, index, owner, at);
  }
}

/** Inside a transaction holding the run's row lock. */
async function settleRun(client: Queryable, runId: string, options: AbandonedRunOptions): Promise<RunRecord> {
  const runs = new PostgresRunTable(client);
  const shards = new PostgresRunShardTable(client);
  const run = await runs.get(runId);
  if (!run) throw runNotFound(runId);
  for (const shard of await shards.list(runId)) if (isAbandoned(shard, options)) await shards.markInterrupted(shard);
  const settled = statusFromShards(run.config.shards ?? 1, await shards.list(runId));
  if (settled.status !== run.status) {
    if (settled.status === 'running') return run;
    await runs.setStatus(runId, settled.status, settled.finishedAt);
  } else if (settled.status !== 'running' && settled.finishedAt !== run.finishedAt) {
    await runs.setStatus(runId, settled.status, settled.finishedAt);
  }
  return (await runs.get(runId))!;
}
