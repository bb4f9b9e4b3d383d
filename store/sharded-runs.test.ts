// A run made by several processes, one shard each: the first shard records it, each shard registers
// under its own owner, and the run is completed only once every shard is; a shard whose process is
// gone leaves the run interrupted until that shard is run again.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import type { RunOwner, RunRecord } from './records.js';
import { currentRunOwner } from './run-owner.js';
import type { Store } from './sqlite-store.js';
import { caseResultRecord, runRecord, temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
const opened: Store[] = [];
const now = 1_700_000_100_000;

/** A connection as the process `pid` on this machine would have it. */
function open(path: string, pid: number = process.pid): Store {
  const owner: RunOwner = { ...currentRunOwner(), pid };
  const store = openStore(path, { now: () => now, owner });
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  directories.removeAll();
});

function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

const shardedRun = (overrides: Partial<RunRecord> = {}): RunRecord => runRecord({ id: 'ci-42', config: { ...runRecord().config, shards: 2 }, plannedResults: 4, ...overrides });

describe('a run made by shards', () => {
  it('is recorded by the first shard, joined by the second and completed only when both have finished', () => {
    const path = join(directories.make(), 'agentlab.db');
    const first = open(path);
    const second = open(path);
    expect(first.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 }).created).toBe(true);
    const joined = second.joinRunShard(shardedRun({ startedAt: now }), { index: 2, plannedResults: 2 });
    expect(joined.created).toBe(false);
    expect(joined.run.startedAt).toBe(shardedRun().startedAt);

    first.addCaseResult(caseResultRecord({ runId: 'ci-42', caseId: 'a' }));
    expect(first.finishRunShard('ci-42', 1, 'completed', now + 10)).toMatchObject({ status: 'running' });
    expect(second.getRun('ci-42')?.status).toBe('running');
    second.addCaseResult(caseResultRecord({ runId: 'ci-42', caseId: 'b' }));
    expect(second.finishRunShard('ci-42', 2, 'completed', now + 20)).toMatchObject({ status: 'completed', finishedAt: now + 20 });
    expect(first.caseResults('ci-42').map((result) => result.caseId)).toEqual(['a', 'b']);
    expect(first.runShards('ci-42').map((shard) => [shard.index, shard.count, shard.status])).toEqual([[1, 2, 'completed'], [2, 2, 'completed']]);
  });

  it('stays interrupted while a shard has not run, and completes when it does', () => {
    const path = join(directories.make(), 'agentlab.db');
    const store = open(path);
    store.joinRunShard(shardedRun(), { index: 2, plannedResults: 2 });
    expect(store.finishRunShard('ci-42', 2, 'completed', now + 5)).toMatchObject({ status: 'interrupted' });
    store.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 });
    expect(store.getRun('ci-42')?.status).toBe('running');
    expect(store.finishRunShard('ci-42', 1, 'completed', now + 9)).toMatchObject({ status: 'completed' });
  });

  it('whose shard process died reads as interrupted once no shard is running, and that shard can be run again', () => {
    const path = join(directories.make(), 'agentlab.db');
    const gone = open(path, deadPid());
    gone.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 });
    const live = open(path);
    live.joinRunShard(shardedRun(), { index: 2, plannedResults: 2 });
    // The dead shard recorded the run; the run lives on while shard 2 does.
    expect(live.getRun('ci-42')?.status).toBe('running');
    expect(live.runShards('ci-42').map((shard) => shard.status)).toEqual(['interrupted', 'running']);
    expect(live.finishRunShard('ci-42', 2, 'completed', now + 1)).toMatchObject({ status: 'interrupted' });

    const again = open(path);
    again.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 });
    expect(again.finishRunShard('ci-42', 1, 'completed', now + 2)).toMatchObject({ status: 'completed' });
  });

  it('refuses a shard another live process is making, and one the check refuses, writing nothing', () => {
    const path = join(directories.make(), 'agentlab.db');
    const first = open(path);
    first.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 });
    const second = open(path);
    expect(() => second.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 })).toThrow(expect.objectContaining({ code: 'AGENTLAB_SHARD_IN_PROGRESS' }));
    const refusal = new Error('seed differs');
    expect(() =>
      second.joinRunShard(shardedRun(), {
        index: 2,
        plannedResults: 2,
        check: () => {
          throw refusal;
        },
      }),
    ).toThrow(refusal);
    expect(second.runShards('ci-42').map((shard) => shard.index)).toEqual([1]);
  });

  it('refuses to join a run that was not made by shards', () => {
    const store = open(join(directories.make(), 'agentlab.db'));
    store.createRun(runRecord({ id: 'ci-42' }));
    store.finishRun('ci-42', 'completed', now);
    expect(() => store.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 })).toThrow(expect.objectContaining({ code: 'AGENTLAB_RUN_NOT_SHARDED' }));
  });

  it('a store closed with its shard unfinished leaves the shard interrupted', () => {
    const path = join(directories.make(), 'agentlab.db');
    const store = open(path);
    store.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 });
    store.close();
    const reader = open(path);
    expect(reader.getRun('ci-42')?.status).toBe('interrupted');
    expect(reader.runShards('ci-42')[0]?.status).toBe('interrupted');
  });
});
