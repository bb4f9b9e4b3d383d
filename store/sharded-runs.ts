// Runs that several processes make together, one shard each (`agentlab eval --run-id <id> --shard i/n`
// from n CI jobs). The first shard to arrive records the run; every shard registers its own row with
// its own owner and heartbeat; the run is `running` while any shard is, `completed` once all n are,
// and `interrupted` otherwise (a shard failed, was killed or has not run yet), until the missing shard
// is run again. Each step is one immediate transaction, so shards starting or finishing at the same
// moment see each other. A backend that implements the same Store methods gets the same behaviour.
import type { Database } from 'better-sqlite3';
import { runNotFound, runNotSharded, shardInProgress } from './errors.js';
import type { RunOwner, RunRecord, RunShardRecord, RunStatus } from './records.js';
import { isAbandoned, type AbandonedRunOptions } from './run-owner.js';
import type { RunShardTable } from './run-shard-table.js';
import type { RunTable } from './run-table.js';

export interface ShardJoin {
  /** 1-based, of `run.config.shards`. */
  index: number;
  /** The cells of the matrix this shard makes. */
  plannedResults: number;
  /**
   * Called with the run already recorded under this id, inside the transaction, before the shard
   * registers: it throws to refuse a shard whose dataset or matrix differs, and nothing is written.
   */
  check?: (existing: RunRecord) => void;
}

export interface ShardJoined {
  /** The run as recorded, now running. */
  run: RunRecord;
  /** This shard recorded the run. */
  created: boolean;
}

/** What the run's shards make it: completed once all are, running while one is, interrupted otherwise. */
export function statusFromShards(count: number, shards: readonly RunShardRecord[]): { status: RunStatus; finishedAt?: number } {
  if (shards.some((shard) => shard.status === 'running')) return { status: 'running' };
  const finishedAt = Math.max(...shards.map((shard) => shard.finishedAt ?? shard.heartbeatAt ?? shard.startedAt));
  const completed = shards.filter((shard) => shard.status === 'completed').length;
  return { status: completed === count ? 'completed' : 'interrupted', ...(shards.length > 0 ? { finishedAt } : {}) };
}

export class ShardedRuns {
  private readonly database: Database;
  private readonly runs: RunTable;
  private readonly shards: RunShardTable;

  constructor(database: Database, runs: RunTable, shards: RunShardTable) {
    this.database = database;
    this.runs = runs;
    this.shards = shards;
  }

  /**
   * Records `run` unless its id is taken, then registers the shard as running under `owner`. A shard
   * already running in a live process is refused (AGENTLAB_SHARD_IN_PROGRESS); one that completed, was
   * interrupted or whose process is gone is taken over, so running it again resumes it.
   */
  join(run: RunRecord, shard: ShardJoin, owner: RunOwner, abandoned: Omit<AbandonedRunOptions, 'here'>): ShardJoined {
    return this.database
      .transaction((): ShardJoined => {
        const created = this.runs.createIfAbsent(run);
        const existing = this.runs.get(run.id)!;
        if (!created) {
          if (existing.config.shards === undefined) throw runNotSharded(existing);
          shard.check?.(existing);
        }
        const count = existing.config.shards ?? 1;
        const previous = this.shards.get(run.id, shard.index);
        if (previous?.status === 'running' && !isAbandoned(previous, { ...abandoned, here: owner })) throw shardInProgress(previous);
        this.shards.start({ runId: run.id, index: shard.index, count, plannedResults: shard.plannedResults, owner, at: abandoned.now });
        this.runs.join(run.id, owner, abandoned.now);
        return { run: this.runs.get(run.id)!, created };
      })
      .immediate();
  }

  /**
   * Finishes the shard `owner` holds and settles the run from its shards; returns the run as it now
   * stands (completed when this was the last shard to complete).
   */
  finish(runId: string, index: number, status: Exclude<RunStatus, 'running'>, finishedAt: number, owner: RunOwner, abandoned: Omit<AbandonedRunOptions, 'here'>): RunRecord {
    return this.database
      .transaction((): RunRecord => {
        this.shards.finish(runId, index, owner, status, finishedAt);
        return this.settleRun(runId, { ...abandoned, here: owner });
      })
      .immediate();
  }

  /**
   * Marks the shards whose process is gone interrupted and gives the run the status its shards make.
   * Every read of runs calls it for each running run made by shards, so it takes the write lock only
   * when something is to change: shards at work are not held up by the report server's reads.
   */
  settle(run: RunRecord, options: AbandonedRunOptions): void {
    const shards = this.shards.list(run.id);
    const stale = shards.some((shard) => isAbandoned(shard, options));
    if (!stale && statusFromShards(run.config.shards ?? 1, shards).status === run.status) return;
    this.database.transaction(() => this.settleRun(run.id, options)).immediate();
  }

  list(runId: string): RunShardRecord[] {
    return this.shards.list(runId);
  }

  heartbeat(runId: string, index: number, owner: RunOwner, at: number): void {
    this.shards.heartbeat(runId, index, owner, at);
  }

  private settleRun(runId: string, options: AbandonedRunOptions): RunRecord {
    const run = this.runs.get(runId);
    if (!run) throw runNotFound(runId);
    for (const shard of this.shards.list(runId)) if (isAbandoned(shard, options)) this.shards.markInterrupted(shard);
    const settled = statusFromShards(run.config.shards ?? 1, this.shards.list(runId));
    if (settled.status !== run.status) {
      if (settled.status === 'running') return run;
      this.runs.setStatus(runId, settled.status, settled.finishedAt);
    } else if (settled.status !== 'running' && settled.finishedAt !== run.finishedAt) {
      this.runs.setStatus(runId, settled.status, settled.finishedAt);
    }
    return this.runs.get(runId)!;
  }
}
