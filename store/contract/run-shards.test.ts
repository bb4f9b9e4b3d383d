// The contract of runs made by several processes, one shard each, on every backend: the first shard
// records the run, the run completes only once every shard has, a shard whose process died leaves it
// interrupted until run again, refusals write nothing, and shards joining and finishing at once (as
// parallel CI jobs do) lose and duplicate nothing. Also a whole run imported at once (`agentlab merge`).
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { normalizeSpans } from '../../tracing/index.js';
import type { RunOwner, RunRecord } from '../records.js';
import { currentRunOwner } from '../run-owner.js';
import type { EvalStore } from '../store-backend.js';
import { caseResultRecord, runRecord } from '../test-fixtures.js';
import { forEachBackend } from './contract-suite.js';

const now = 1_700_000_100_000;
const shardedRun = (overrides: Partial<RunRecord> = {}): RunRecord => runRecord({ id: 'ci-42', config: { ...runRecord().config, shards: 2 }, plannedResults: 4, ...overrides });

function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

forEachBackend((context) => {
  /** A store as the process `pid` on this machine would open it. */
  const open = (pid: number = process.pid): Promise<EvalStore> => context.open({ now: () => now, owner: { ...currentRunOwner(), pid } satisfies RunOwner });

  it('is recorded by the first shard, joined by the second, and completed only once both have finished', async () => {
    const [first, second] = [await open(), await open()];
    expect((await first.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 })).created).toBe(true);
    const joined = await second.joinRunShard(shardedRun({ startedAt: now }), { index: 2, plannedResults: 2 });
    expect(joined.created).toBe(false);
    expect(joined.run.startedAt).toBe(shardedRun().startedAt);
    await first.addCaseResult(caseResultRecord({ runId: 'ci-42', caseId: 'a' }));
    expect(await first.finishRunShard('ci-42', 1, 'completed', now + 10)).toMatchObject({ status: 'running' });
    expect((await second.getRun('ci-42'))?.status).toBe('running');
    await second.addCaseResult(caseResultRecord({ runId: 'ci-42', caseId: 'b' }));
    expect(await second.finishRunShard('ci-42', 2, 'completed', now + 20)).toMatchObject({ status: 'completed', finishedAt: now + 20 });
    expect((await first.caseResults('ci-42')).map((result) => result.caseId)).toEqual(['a', 'b']);
    expect((await first.runShards('ci-42')).map((shard) => [shard.index, shard.count, shard.status])).toEqual([[1, 2, 'completed'], [2, 2, 'completed']]);
  });

  it('stays interrupted while a shard has not run; a dead shard is taken over and the run completes', async () => {
    const gone = await open(deadPid());
    await gone.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 });
    const live = await open();
    await live.joinRunShard(shardedRun(), { index: 2, plannedResults: 2 });
    expect((await live.getRun('ci-42'))?.status).toBe('running');
    expect((await live.runShards('ci-42')).map((shard) => shard.status)).toEqual(['interrupted', 'running']);
    expect(await live.finishRunShard('ci-42', 2, 'completed', now + 1)).toMatchObject({ status: 'interrupted' });
    const again = await open();
    await again.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 });
    expect((await again.getRun('ci-42'))?.status).toBe('running');
    expect(await again.finishRunShard('ci-42', 1, 'completed', now + 2)).toMatchObject({ status: 'completed' });
  });

  it('refuses a shard a live process is making, one the check refuses, and a run not made by shards', async () => {
    const first = await open();
    await first.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 });
    const second = await open();
    await expect(second.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 })).rejects.toMatchObject({ code: 'AGENTLAB_SHARD_IN_PROGRESS' });
    const refusal = new Error('seed differs');
    const check = () => {
      throw refusal;
    };
    await expect(second.joinRunShard(shardedRun(), { index: 2, plannedResults: 2, check })).rejects.toBe(refusal);
    expect((await second.runShards('ci-42')).map((shard) => shard.index)).toEqual([1]);
    await context.store.createRun(runRecord({ id: 'plain' }));
    await expect(second.joinRunShard(shardedRun({ id: 'plain' }), { index: 1, plannedResults: 2 })).rejects.toMatchObject({ code: 'AGENTLAB_RUN_NOT_SHARDED' });
  });

  it('leaves the shard of a store closed before finishing it interrupted', async () => {
    const store = await open();
    await store.joinRunShard(shardedRun(), { index: 1, plannedResults: 2 });
    await store.close();
    expect((await context.store.getRun('ci-42'))?.status).toBe('interrupted');
    expect((await context.store.runShards('ci-42'))[0]?.status).toBe('interrupted');
  });

  it('loses and duplicates nothing when eight shards join, write and finish at the same time', async () => {
    const count = 8;
    const run = shardedRun({ config: { ...runRecord().config, shards: count }, plannedResults: count * 25 });
    const shards = await Promise.all(Array.from({ length: count }, () => open()));
    const joined = await Promise.all(shards.map((store, index) => store.joinRunShard(run, { index: index + 1, plannedResults: 25 })));
    expect(joined.filter((entry) => entry.created).length).toBe(1);
    const finished = await Promise.all(shards.map(async (store, index) => {
      for (let cell = 0; cell < 25; cell++) await store.addCaseResult(caseResultRecord({ runId: run.id, caseId: `s${index}-c${cell}`, model: cell % 2 ? 'sim:weak' : 'sim:strong' }));
      return store.finishRunShard(run.id, index + 1, 'completed', now + index);
    }));
    expect(finished.filter((entry) => entry.status === 'completed').length).toBeGreaterThanOrEqual(1);
    const settled = await context.store.getRun(run.id);
    expect(settled).toMatchObject({ status: 'completed', finishedAt: now + count - 1 });
    expect((await context.store.caseResults(run.id)).length).toBe(count * 25);
    expect((await context.store.runGroupTotals(run.id)).map((group) => [group.model, group.results])).toEqual([['sim:strong', count * 13], ['sim:weak', count * 12]]);
  });

  it('imports a whole run in one go, and refuses one whose id is taken, writing nothing', async () => {
    const { store } = context;
    const span = { traceId: 'trace-i', spanId: 'root', name: 'invoke_agent react', kind: 'internal' as const, startTimeMs: 1, endTimeMs: 2, durationMs: 1, status: { code: 'ok' as const }, attributes: {}, events: [], serviceName: 'agentlab', scope: 'agentlab' };
    const copy = {
      run: shardedRun({ status: 'completed', finishedAt: now }),
      shards: [1, 2].map((index) => ({ runId: 'ci-42', index, count: 2, status: 'completed' as const, plannedResults: 2, startedAt: now, finishedAt: now + index })),
      results: [caseResultRecord({ runId: 'ci-42', caseId: 'a', traceId: 'trace-i' }), caseResultRecord({ runId: 'ci-42', caseId: 'b' })],
      datasetCases: [{ id: 'a', goal: 'the goal' }],
      spans: normalizeSpans([span]),
    };
    await store.importRun(copy);
    expect(await store.getRun('ci-42')).toEqual(copy.run);
    expect((await store.runShards('ci-42')).map((shard) => [shard.index, shard.status, shard.finishedAt])).toEqual([[1, 'completed', now + 1], [2, 'completed', now + 2]]);
    expect((await store.caseResults('ci-42')).length).toBe(2);
    expect(await store.datasetCase('hash-a', 'a')).toEqual({ id: 'a', goal: 'the goal' });
    expect((await store.spans('trace-i')).length).toBe(1);
    await expect(store.importRun({ ...copy, results: [caseResultRecord({ runId: 'ci-42', caseId: 'c' })] })).rejects.toMatchObject({ code: 'AGENTLAB_RUN_ALREADY_EXISTS' });
    expect((await store.caseResults('ci-42')).length).toBe(2);
  });
});
