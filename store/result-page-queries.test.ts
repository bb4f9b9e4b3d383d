// The run page's results in SQL: pages in case order with the filter's total, every filter (status,
// flaky cells, agent, model, tag, free text in the id, output, a check's reason or the error), and
// the status tabs' counts under the other filters.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import type { CaseResultRecord } from './records.js';
import type { Store } from './sqlite-store.js';
import { caseResultRecord, runRecord } from './test-fixtures.js';

const opened: Store[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function result(caseId: string, epoch: number, status: CaseResultRecord['status'], overrides: Partial<CaseResultRecord> = {}): CaseResultRecord {
  return caseResultRecord({ runId: 'run-1', caseId, epoch, status, ...overrides });
}

/** Two epochs of five cases on react × sim:strong, and `wobbly` (pass then fail) on sim:weak too. */
function storeWithResults(): Store {
  const store = openStore(':memory:');
  opened.push(store);
  store.createRun(runRecord({ id: 'run-1' }));
  store.createRun(runRecord({ id: 'run-other' }));
  for (const epoch of [0, 1]) {
    store.addCaseResult(result('alpha', epoch, 'pass', { tags: ['search'] }));
    store.addCaseResult(result('beta', epoch, 'fail', { tags: ['math'], checks: [{ check: 'output_contains', passed: false, reason: 'expected "391" in the output, got "390"' }] }));
    store.addCaseResult(result('gamma', epoch, 'error', { tags: [], error: { code: 'AGENTLAB_MODEL_FAILED', message: 'The endpoint answered 500 Internal Server Error' } }));
    store.addCaseResult(result('delta', epoch, 'pass', { tags: ['search', 'slow'], output: 'Water boils at 100 °C at sea level.' }));
    store.addCaseResult(result('wobbly', epoch, epoch === 0 ? 'pass' : 'fail', { tags: ['math'] }));
    store.addCaseResult(result('wobbly', epoch, epoch === 0 ? 'fail' : 'pass', { tags: ['math'], model: 'sim:weak' }));
  }
  store.addCaseResult(caseResultRecord({ runId: 'run-other', caseId: 'alpha', status: 'fail' }));
  return store;
}

const cell = (result: CaseResultRecord) => `${result.caseId}/${result.model}/${result.epoch}`;

describe('caseResultPage', () => {
  it('pages the run\'s results in case, agent, model and epoch order, with the total over every page', () => {
    const store = storeWithResults();
    const all = store.caseResults('run-1');
    expect(all).toHaveLength(12);
    const first = store.caseResultPage('run-1', { limit: 5, offset: 0 });
    const third = store.caseResultPage('run-1', { limit: 5, offset: 10 });
    expect(first.total).toBe(12);
    expect(first.results.map(cell)).toEqual(all.slice(0, 5).map(cell));
    expect(third.results.map(cell)).toEqual(all.slice(10).map(cell));
    expect(store.caseResultPage('run-1', { limit: 5, offset: 50 })).toEqual({ results: [], total: 12 });
  });

  it('filters by status, agent, model and tag together', () => {
    const store = storeWithResults();
    expect(store.caseResultPage('run-1', { limit: 50, offset: 0, status: 'fail' }).results.map(cell)).toEqual(['beta/sim:strong/0', 'beta/sim:strong/1', 'wobbly/sim:strong/1', 'wobbly/sim:weak/0']);
    expect(store.caseResultPage('run-1', { limit: 50, offset: 0, status: 'fail', model: 'sim:weak' }).total).toBe(1);
    expect(store.caseResultPage('run-1', { limit: 50, offset: 0, tag: 'search' }).results.map((row) => row.caseId)).toEqual(['alpha', 'alpha', 'delta', 'delta']);
    expect(store.caseResultPage('run-1', { limit: 50, offset: 0, tag: 'slow', agent: 'react' }).total).toBe(2);
    expect(store.caseResultPage('run-1', { limit: 50, offset: 0, tag: 'sea' }).total).toBe(0);
    expect(store.caseResultPage('run-1', { limit: 50, offset: 0, agent: 'pipeline' }).total).toBe(0);
  });

  it('lists every epoch of a flaky cell, judged on all its epochs even when another filter hides some', () => {
    const store = storeWithResults();
    expect(store.caseResultPage('run-1', { limit: 50, offset: 0, status: 'flaky' }).results.map(cell)).toEqual(['wobbly/sim:strong/0', 'wobbly/sim:strong/1', 'wobbly/sim:weak/0', 'wobbly/sim:weak/1']);
    expect(store.caseResultPage('run-1', { limit: 50, offset: 0, status: 'flaky', model: 'sim:weak' }).total).toBe(2);
    // Only the failed epoch matches the text, yet the cell is still flaky.
    store.addCaseResult(result('wobbly', 1, 'fail', { tags: ['math'], output: 'forty-one' }));
    expect(store.caseResultPage('run-1', { limit: 50, offset: 0, status: 'flaky', text: 'FORTY' }).results.map(cell)).toEqual(['wobbly/sim:strong/1']);
  });

  it('finds free text, ignoring case, in the case id, the output, a check\'s reason and the error, with % and _ taken literally', () => {
    const store = storeWithResults();
    const found = (text: string) => [...new Set(store.caseResultPage('run-1', { limit: 50, offset: 0, text }).results.map((row) => row.caseId))];
    expect(found('WOBB')).toEqual(['wobbly']);
    expect(found('boils AT 100')).toEqual(['delta']);
    expect(found('"391"')).toEqual(['beta']);
    expect(found('internal server error')).toEqual(['gamma']);
    expect(found('model_failed')).toEqual(['gamma']);
    expect(found('%')).toEqual([]);
    expect(found('a_p')).toEqual([]);
    expect(found('alp')).toEqual(['alpha']);
  });
});

describe('caseResultStatusCounts', () => {
  it('counts each status and the flaky cells and their results, under the other filters', () => {
    const store = storeWithResults();
    expect(store.caseResultStatusCounts('run-1')).toEqual({ results: 12, passed: 6, failed: 4, errors: 2, flakyCells: 2, flakyResults: 4 });
    expect(store.caseResultStatusCounts('run-1', { model: 'sim:weak' })).toEqual({ results: 2, passed: 1, failed: 1, errors: 0, flakyCells: 1, flakyResults: 2 });
    expect(store.caseResultStatusCounts('run-1', { tag: 'search' })).toEqual({ results: 4, passed: 4, failed: 0, errors: 0, flakyCells: 0, flakyResults: 0 });
    expect(store.caseResultStatusCounts('run-other')).toMatchObject({ results: 1, failed: 1, flakyCells: 0 });
    expect(store.caseResultStatusCounts('run-missing')).toEqual({ results: 0, passed: 0, failed: 0, errors: 0, flakyCells: 0, flakyResults: 0 });
  });
});

describe('caseResultTags', () => {
  it('lists the tags of the run\'s results once each, sorted', () => {
    const store = storeWithResults();
    expect(store.caseResultTags('run-1')).toEqual(['math', 'search', 'slow']);
    expect(store.caseResultTags('run-missing')).toEqual([]);
  });
});
