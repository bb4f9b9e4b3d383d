// The contract of runs on every backend: created, read back whole, finished, reopened, listed newest
// first, the baseline picked by latestRun, ids resolved from a prefix, and owners: a run whose process
// is gone reads as interrupted, and closing a store interrupts the runs it did not finish.
import { expect, it, vi } from 'vitest';
import type { RunRecord } from '../records.js';
import { currentRunOwner } from '../run-owner.js';
import { runRecord } from '../test-fixtures.js';
import { forEachBackend } from './contract-suite.js';

const now = 1_700_000_001_000;
const stamped = (run: RunRecord): RunRecord => ({ ...run, owner: currentRunOwner(), heartbeatAt: now });

async function errorCode(action: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

forEachBackend((context) => {
  it('creates, reads back whole, finishes and reopens a run', async () => {
    const { store } = context;
    const run = runRecord({ config: { agents: ['react', 'plan'], models: ['sim:weak'], epochs: 3, concurrency: 2, seed: 9, caseTimeoutMs: 1_000, shard: '1/2', filter: 'tag:math' } });
    await store.createRun(run);
    expect(await store.getRun(run.id)).toEqual(stamped(run));
    await store.finishRun(run.id, 'completed', run.startedAt + 5_000);
    expect(await store.getRun(run.id)).toEqual(stamped({ ...run, status: 'completed', finishedAt: run.startedAt + 5_000 }));
    await store.reopenRun(run.id);
    expect(await store.getRun(run.id)).toEqual(stamped(run));
  });

  it('keeps optional fields absent, refuses a second run with one id and finishing an unknown run', async () => {
    const { store } = context;
    const { gitCommit: _gitCommit, ...withoutCommit } = runRecord();
    await store.createRun(withoutCommit);
    const read = (await store.getRun(withoutCommit.id))!;
    expect('gitCommit' in read).toBe(false);
    expect('finishedAt' in read).toBe(false);
    expect(await errorCode(() => store.createRun(runRecord({ datasetHash: 'other' })))).toBe('AGENTLAB_RUN_ALREADY_EXISTS');
    expect((await store.getRun('run-1'))?.datasetHash).toBe('hash-a');
    expect(await errorCode(() => store.finishRun('no-such-run', 'completed', 1))).toBe('AGENTLAB_RUN_NOT_FOUND');
    expect(await store.getRun('missing')).toBeUndefined();
  });

  it('lists runs newest first, paged and filtered; picks the latest by dataset and status', async () => {
    const { store } = context;
    await store.createRun(runRecord({ id: 'a', startedAt: 100, datasetHash: 'h1' }));
    await store.createRun(runRecord({ id: 'b', startedAt: 300, datasetHash: 'h2' }));
    await store.createRun(runRecord({ id: 'c', startedAt: 200, datasetHash: 'h1' }));
    await store.createRun(runRecord({ id: 'd', startedAt: 400, datasetHash: 'h1' }));
    await store.createRun(runRecord({ id: 'e', startedAt: 400, datasetHash: 'h1' }));
    await store.finishRun('c', 'completed', 250);
    const ids = (runs: Array<{ id: string }>): string[] => runs.map((run) => run.id);
    expect(ids(await store.listRuns())).toEqual(['e', 'd', 'b', 'c', 'a']);
    expect(ids(await store.listRuns({ limit: 2, offset: 2 }))).toEqual(['b', 'c']);
    expect(ids(await store.listRuns({ offset: 4 }))).toEqual(['a']);
    expect(ids(await store.listRuns({ datasetHash: 'h1', status: 'completed' }))).toEqual(['c']);
    expect(await store.listRuns({ datasetHash: 'nothing' })).toEqual([]);
    expect((await store.latestRun())?.id).toBe('e');
    expect((await store.latestRun({ datasetHash: 'h1', excludeId: 'e' }))?.id).toBe('d');
    expect((await store.latestRun({ status: 'completed' }))?.id).toBe('c');
    expect(await store.latestRun({ datasetHash: 'h3' })).toBeUndefined();
  });

  it('resolves a full id or a prefix of exactly one, and names the candidates of an ambiguous one', async () => {
    const { store } = context;
    for (const id of ['run-20250101-aaa', 'run-20250101-abc', 'run-20250102-zzz', 'run-2025', 'run-é', 'run-Z']) await store.createRun(runRecord({ id }));
    expect(await store.resolveRunId('run-2025')).toBe('run-2025');
    expect(await store.resolveRunId('run-20250102')).toBe('run-20250102-zzz');
    expect(await store.resolveRunId('run-20250101-ab')).toBe('run-20250101-abc');
    expect(await store.resolveRunId('run-\u00e9')).toBe('run-é');
    const ambiguous = await store.resolveRunId('run-20250101').catch((error: Error & { code?: string }) => error);
    expect((ambiguous as { code?: string }).code).toBe('AGENTLAB_RUN_ID_AMBIGUOUS');
    expect((ambiguous as Error).message).toContain('run-20250101-aaa, run-20250101-abc');
    for (const prefix of ['run-1999', '', 'run-%', 'run-*', 'run-_', 'run-z']) expect(await errorCode(() => store.resolveRunId(prefix))).toBe('AGENTLAB_RUN_NOT_FOUND');
  });

  it('reads a running run whose owner is gone as interrupted, as of its last heartbeat', async () => {
    const { store } = context;
    const here = currentRunOwner();
    // A pid that cannot be alive on this machine, and a heartbeat long stale from another one.
    await store.createRun(runRecord({ id: 'dead-here', owner: { ...here, pid: 2 ** 22 + 17 }, heartbeatAt: now - 1_000 }));
    await store.createRun(runRecord({ id: 'stale-elsewhere', owner: { host: 'other-host', pid: 1, scope: 'x' }, heartbeatAt: now - 10 * 60_000 }));
    await store.createRun(runRecord({ id: 'alive-elsewhere', owner: { host: 'other-host', pid: 1, scope: 'x' }, heartbeatAt: now - 1_000 }));
    const byId = new Map((await store.listRuns()).map((run) => [run.id, run]));
    expect(byId.get('dead-here')).toMatchObject({ status: 'interrupted', finishedAt: now - 1_000 });
    expect(byId.get('stale-elsewhere')).toMatchObject({ status: 'interrupted', finishedAt: now - 10 * 60_000 });
    expect(byId.get('alive-elsewhere')?.status).toBe('running');
    expect(await store.countRuns({ status: 'running' })).toBe(1);
    expect(await errorCode(() => store.reopenRun('alive-elsewhere'))).toBe('AGENTLAB_RUN_IN_PROGRESS');
  });

  it('marks the runs a store was making interrupted when it closes, and another store sees it', async () => {
    const writer = await context.open({ now: () => now });
    await writer.createRun(runRecord({ id: 'unfinished' }));
    await writer.createRun(runRecord({ id: 'finished', startedAt: 2 }));
    await writer.finishRun('finished', 'completed', now);
    expect((await context.store.getRun('unfinished'))?.status).toBe('running');
    await writer.close();
    await writer.close();
    expect(writer.isOpen).toBe(false);
    expect(await context.store.getRun('unfinished')).toMatchObject({ status: 'interrupted', finishedAt: now });
    expect((await context.store.getRun('finished'))?.status).toBe('completed');
    expect(await errorCode(() => writer.getRun('unfinished'))).toBe('AGENTLAB_STORE_CLOSED');
  });

  it('keeps the heartbeat of the runs and shards a store is making fresh, and keeps a finished run\'s as it was', async () => {
    let clock = now;
    const writer = await context.open({ now: () => clock, heartbeatIntervalMs: 10 });
    await writer.createRun(runRecord({ id: 'beating' }));
    await writer.joinRunShard(runRecord({ id: 'sharded', config: { ...runRecord().config, shards: 2 } }), { index: 1, plannedResults: 1 });
    clock = now + 60_000;
    await vi.waitFor(async () => {
      expect((await context.store.getRun('beating'))?.heartbeatAt).toBe(now + 60_000);
      expect((await context.store.runShards('sharded'))[0]?.heartbeatAt).toBe(now + 60_000);
    });
    await writer.finishRun('beating', 'completed', clock);
    await writer.finishRunShard('sharded', 1, 'completed', clock);
    clock = now + 120_000;
    // A finished run keeps the heartbeat it had, however many beats the interval would have made since.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await context.store.getRun('beating'))?.heartbeatAt).toBe(now + 60_000);
  });
}, { now: () => now });
