// One case across runs: its outcome per run (epochs summed), a trace to open (a failing one first),
// and its totals per agent and model with the runs whose epochs disagreed.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import type { Store } from './sqlite-store.js';
import { caseResultRecord, runRecord } from './test-fixtures.js';

const opened: Store[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function historyStore(): Store {
  const store = openStore(':memory:');
  opened.push(store);
  store.createRun(runRecord({ id: 'run-1', startedAt: 1_000, status: 'completed' }));
  store.createRun(runRecord({ id: 'run-2', startedAt: 2_000, gitCommit: undefined }));
  const result = (runId: string, epoch: number, status: 'pass' | 'fail' | 'error', traceId: string, model = 'sim:strong') =>
    caseResultRecord({ runId, caseId: 'c', epoch, status, traceId, model, startedAt: runId === 'run-1' ? 1_100 + epoch : 2_100 + epoch });
  store.addCaseResult(result('run-1', 0, 'pass', 'trace-a'));
  store.addCaseResult(result('run-1', 1, 'pass', 'trace-b'));
  store.addCaseResult(result('run-2', 0, 'pass', 'trace-c'));
  store.addCaseResult(result('run-2', 1, 'fail', 'trace-d'));
  store.addCaseResult(result('run-2', 0, 'error', 'trace-e', 'sim:weak'));
  store.addCaseResult(caseResultRecord({ runId: 'run-2', caseId: 'other', status: 'fail' }));
  return store;
}

describe('caseRunOutcomes', () => {
  it('gives one row per run, agent and model, newest run first, pointing at a trace that did not pass', () => {
    const outcomes = historyStore().caseRunOutcomes('c');
    expect(outcomes.map((row) => [row.runId, row.model, row.passed, row.failed, row.errors, row.traceId])).toEqual([
      ['run-2', 'sim:strong', 1, 1, 0, 'trace-d'],
      ['run-2', 'sim:weak', 0, 0, 1, 'trace-e'],
      ['run-1', 'sim:strong', 2, 0, 0, 'trace-b'],
    ]);
    expect(outcomes[2]).toMatchObject({ runStatus: 'completed', runStartedAt: 1_000, runGitCommit: 'abc123' });
    expect(outcomes[0]!.runGitCommit).toBeUndefined();
  });

  it('filters by model and limits the rows', () => {
    const store = historyStore();
    expect(store.caseRunOutcomes('c', { model: 'sim:strong', limit: 1 }).map((row) => row.runId)).toEqual(['run-2']);
    expect(store.caseRunOutcomes('missing')).toEqual([]);
  });
});

describe('caseGroupTotals', () => {
  it('sums the case per agent and model and counts the runs whose epochs disagreed', () => {
    const totals = historyStore().caseGroupTotals('c');
    expect(totals).toEqual([
      expect.objectContaining({ model: 'sim:strong', agent: 'react', runs: 2, flakyRuns: 1, passed: 3, failed: 1, errors: 0, firstStartedAt: 1_100, lastStartedAt: 2_101 }),
      expect.objectContaining({ model: 'sim:weak', agent: 'react', runs: 1, flakyRuns: 0, passed: 0, failed: 0, errors: 1 }),
    ]);
  });
});
