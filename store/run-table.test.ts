// Runs: created, finished, listed newest first, the baseline picked by latestRun, and ids resolved
// from a prefix the way the CLI accepts them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openStore } from './open-store.js';
import type { RunRecord } from './records.js';
import { currentRunOwner } from './run-owner.js';
import type { Store } from './sqlite-store.js';
import { runRecord, temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
const now = 1_700_000_001_000;
let store: Store;

beforeEach(() => {
  store = openStore(join(directories.make(), 'agentlab.db'), { now: () => now });
});

/** The run as the store keeps it: owned by this process, with a heartbeat of the store's now. */
const stamped = (run: RunRecord): RunRecord => ({ ...run, owner: currentRunOwner(), heartbeatAt: now });

afterEach(() => {
  store.close();
  directories.removeAll();
});

function errorCode(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('runs', () => {
  it('are created, read back whole, and finished with a status and time', () => {
    const run = runRecord({ config: { agents: ['react', 'plan'], models: ['sim:weak'], epochs: 3, concurrency: 2, seed: 9, caseTimeoutMs: 1_000, shard: '1/2', filter: 'tag:math' } });
    store.createRun(run);
    expect(store.getRun(run.id)).toEqual(stamped(run));

    store.finishRun(run.id, 'completed', run.startedAt + 5_000);
    expect(store.getRun(run.id)).toEqual(stamped({ ...run, status: 'completed', finishedAt: run.startedAt + 5_000 }));
  });

  it('keep optional fields absent rather than undefined or null', () => {
    const { gitCommit: _gitCommit, ...withoutCommit } = runRecord();
    store.createRun(withoutCommit);
    const read = store.getRun(withoutCommit.id)!;
    expect('gitCommit' in read).toBe(false);
    expect('finishedAt' in read).toBe(false);
  });

  it('are reopened for a resume: running again, without a finish time', () => {
    store.createRun(runRecord());
    store.finishRun('run-1', 'interrupted', 1_700_000_009_000);
    store.reopenRun('run-1');
    expect(store.getRun('run-1')).toEqual(stamped(runRecord()));
  });

  it('refuse a second run with the same id, and finishing an unknown run', () => {
    store.createRun(runRecord());
    expect(errorCode(() => store.createRun(runRecord({ datasetHash: 'other' })))).toBe('AGENTLAB_RUN_ALREADY_EXISTS');
    expect(store.getRun('run-1')?.datasetHash).toBe('hash-a');
    expect(errorCode(() => store.finishRun('no-such-run', 'completed', 1))).toBe('AGENTLAB_RUN_NOT_FOUND');
    expect(store.getRun('missing')).toBeUndefined();
  });

  it('are listed newest first, paged, and filtered by dataset and status', () => {
    store.createRun(runRecord({ id: 'a', startedAt: 100, datasetHash: 'h1' }));
    store.createRun(runRecord({ id: 'b', startedAt: 300, datasetHash: 'h2' }));
    store.createRun(runRecord({ id: 'c', startedAt: 200, datasetHash: 'h1' }));
    store.createRun(runRecord({ id: 'd', startedAt: 400, datasetHash: 'h1' }));
    store.finishRun('c', 'completed', 250);

    const ids = (runs: Array<{ id: string }>): string[] => runs.map((run) => run.id);
    expect(ids(store.listRuns())).toEqual(['d', 'b', 'c', 'a']);
    expect(ids(store.listRuns({ limit: 2 }))).toEqual(['d', 'b']);
    expect(ids(store.listRuns({ limit: 2, offset: 2 }))).toEqual(['c', 'a']);
    expect(ids(store.listRuns({ offset: 3 }))).toEqual(['a']);
    expect(ids(store.listRuns({ datasetHash: 'h1' }))).toEqual(['d', 'c', 'a']);
    expect(ids(store.listRuns({ datasetHash: 'h1', status: 'completed' }))).toEqual(['c']);
    expect(store.listRuns({ datasetHash: 'nothing' })).toEqual([]);
  });
});

describe('latestRun', () => {
  beforeEach(() => {
    store.createRun(runRecord({ id: 'old-completed', startedAt: 100 }));
    store.createRun(runRecord({ id: 'newer-completed', startedAt: 200 }));
    store.createRun(runRecord({ id: 'newest-interrupted', startedAt: 300 }));
    store.createRun(runRecord({ id: 'other-dataset', startedAt: 400, datasetHash: 'hash-b' }));
    store.createRun(runRecord({ id: 'current', startedAt: 500 }));
    for (const id of ['old-completed', 'newer-completed', 'other-dataset', 'current']) store.finishRun(id, 'completed', 600);
    store.finishRun('newest-interrupted', 'interrupted', 600);
  });

  it('picks the newest completed run on the same dataset, leaving out the current run', () => {
    expect(store.latestRun({ datasetHash: 'hash-a', status: 'completed', excludeId: 'current' })?.id).toBe('newer-completed');
  });

  it('applies only the filters given', () => {
    expect(store.latestRun()?.id).toBe('current');
    expect(store.latestRun({ datasetHash: 'hash-a', excludeId: 'current' })?.id).toBe('newest-interrupted');
    expect(store.latestRun({ status: 'completed', excludeId: 'current' })?.id).toBe('other-dataset');
    expect(store.latestRun({ datasetHash: 'hash-c' })).toBeUndefined();
  });
});

describe('resolveRunId', () => {
  beforeEach(() => {
    for (const id of ['run-20250101-aaa', 'run-20250101-abc', 'run-20250102-zzz', 'run-2025']) store.createRun(runRecord({ id }));
  });

  it('accepts a full id, even one that is also a prefix of others', () => {
    expect(store.resolveRunId('run-20250101-abc')).toBe('run-20250101-abc');
    expect(store.resolveRunId('run-2025')).toBe('run-2025');
  });

  it('accepts a prefix that starts exactly one id', () => {
    expect(store.resolveRunId('run-20250102')).toBe('run-20250102-zzz');
    expect(store.resolveRunId('run-20250101-ab')).toBe('run-20250101-abc');
  });

  it('names the candidates of an ambiguous prefix', () => {
    let message = '';
    try {
      store.resolveRunId('run-20250101');
    } catch (error) {
      expect((error as { code?: string }).code).toBe('AGENTLAB_RUN_ID_AMBIGUOUS');
      message = (error as Error).message;
    }
    expect(message).toContain('run-20250101-aaa');
    expect(message).toContain('run-20250101-abc');
  });

  it('fails with AGENTLAB_RUN_NOT_FOUND when nothing starts with it', () => {
    expect(errorCode(() => store.resolveRunId('run-1999'))).toBe('AGENTLAB_RUN_NOT_FOUND');
    expect(errorCode(() => store.resolveRunId(''))).toBe('AGENTLAB_RUN_NOT_FOUND');
    // Wildcards of LIKE and GLOB are plain characters here.
    expect(errorCode(() => store.resolveRunId('run-%'))).toBe('AGENTLAB_RUN_NOT_FOUND');
    expect(errorCode(() => store.resolveRunId('run-*'))).toBe('AGENTLAB_RUN_NOT_FOUND');
  });
});
