// The runs and shards a PostgreSQL store is making, as store/sqlite-store.ts keeps them: their heartbeat
// kept fresh by an unref'd timer, the running runs of owners that are gone settled as interrupted before
// runs are read, and what is unfinished interrupted when the store closes.
import { staleRunAfterMs } from '../constants.js';
import type { RunOwner } from '../records.js';
import { isAbandoned } from '../run-owner.js';
import type { PostgresRunTable } from './run-table.js';
import type { PostgresShardedRuns } from './sharded-runs.js';

export interface RunOwnershipOptions {
  runs: PostgresRunTable;
  shards: PostgresShardedRuns;
  owner: RunOwner;
  now: () => number;
  heartbeatIntervalMs: number;
  /** False once the store is closed: a beat then does nothing. */
  isOpen: () => boolean;
}

export class RunOwnership {
  private readonly ownedRunIds = new Set<string>();
  private readonly ownedShards = new Map<string, { runId: string; index: number }>();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  /** A beat still writing: the next tick skips, so an older beat's time never lands after a newer one's. */
  private beating = false;

  constructor(private readonly options: RunOwnershipOptions) {}

  /** What telling an abandoned run needs besides the owner: the clock and the staleness limit. */
  abandonedOptions(): { now: number; staleRunAfterMs: number } {
    return { now: this.options.now(), staleRunAfterMs };
  }

  own(runId: string): void {
    this.ownedRunIds.add(runId);
    this.startHeartbeat();
  }

  disown(runId: string): void {
    this.ownedRunIds.delete(runId);
    this.stopWhenIdle();
  }

  ownShard(runId: string, index: number): void {
    this.ownedShards.set(`${runId}\u0000${index}`, { runId, index });
    this.startHeartbeat();
  }

  disownShard(runId: string, index: number): void {
    this.ownedShards.delete(`${runId}\u0000${index}`);
    this.stopWhenIdle();
  }

  /**
   * Running runs whose owner is gone become `interrupted` before runs are read, so every query, its
   * filters and counts agree; a run made by shards lives while any of its shards does.
   */
  async settleAbandoned(): Promise<void> {
    const options = { here: this.options.owner, ...this.abandonedOptions() };
    for (const run of await this.options.runs.running()) {
      try {
        if (run.config.shards !== undefined) await this.options.shards.settle(run, options);
        else if (!this.ownedRunIds.has(run.id) && isAbandoned(run, options)) await this.options.runs.markInterrupted(run);
      } catch {
        // A read-only role or a lost connection: the next read tries again.
      }
    }
  }

  /** Marks what this store was making and did not finish `interrupted`, and stops the heartbeat. */
  async interruptUnfinished(): Promise<void> {
    try {
      for (const id of this.ownedRunIds) {
        if ((await this.options.runs.get(id))?.status === 'running') await this.options.runs.setStatus(id, 'interrupted', this.options.now());
      }
      for (const { runId, index } of this.ownedShards.values()) {
        await this.options.shards.finish(runId, index, 'interrupted', this.options.now(), this.options.owner, this.abandonedOptions());
      }
    } finally {
      this.ownedRunIds.clear();
      this.ownedShards.clear();
      this.stopHeartbeat();
    }
  }

  stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private startHeartbeat(): void {
    if (this.heartbeatTimer) return;
    this.heartbeatTimer = setInterval(() => void this.beat(), this.options.heartbeatIntervalMs);
    // The heartbeat says the process is alive; it must not be what keeps it alive.
    this.heartbeatTimer.unref();
  }

  private stopWhenIdle(): void {
    if (this.ownedRunIds.size === 0 && this.ownedShards.size === 0) this.stopHeartbeat();
  }

  private async beat(): Promise<void> {
    if (!this.options.isOpen() || this.beating) return;
    this.beating = true;
    try {
      await this.writeBeat(this.options.now());
    } finally {
      this.beating = false;
    }
  }

  private async writeBeat(at: number): Promise<void> {
    for (const id of this.ownedRunIds) {
      try {
        await this.options.runs.heartbeat(id, this.options.owner, at);
      } catch {
        // The server is away: the next beat comes well before the run could be taken for stale.
      }
    }
    for (const { runId, index } of this.ownedShards.values()) {
      try {
        await this.options.shards.heartbeat(runId, index, this.options.owner, at);
      } catch {
        // As above.
      }
    }
  }
}
