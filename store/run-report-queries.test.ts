// The runs list with totals, a run's flaky results filtered in SQL, and the datasets runs were made on.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import type { Store } from './sqlite-store.js';
import { caseResultRecord, runRecord } from './test-fixtures.js';

const opened: Store[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function storeWithRuns(): Store {
  const store = openStore(':memory:');
  opened.push(store);
  store.createRun(runRecord({ id: 'run-old', startedAt: 1_000, datasetPath: 'a.jsonl' }));
  store.createRun(runRecord({ id: 'run-new', startedAt: 2_000, datasetPath: 'b.jsonl' }));
  store.createRun(runRecord({ id: 'run-empty', startedAt: 3_000, datasetPath: 'b.jsonl' }));
  store.addCaseResult(caseResultRecord({ runId: 'run-old', caseId: 'x', status: 'pass' }));
  store.addCaseResult(caseResultRecord({ runId: 'run-new', caseId: 'x', status: 'fail', costUsd: 1 }));
  store.addCaseResult(caseResultRecord({ runId: 'run-new', caseId: 'y', agent: 'pipeline', status: 'error', costUsd: 2 }));
  return store;
}

describe('runOverviews', () => {
  it('lists runs newest first with their totals, a run without results at zero', () => {
    const store = storeWithRuns();
    const overviews = store.runOverviews();
    expect(overviews.map((overview) => overview.run.id)).toEqual(['run-empty', 'run-new', 'run-old']);
    expect(overviews[0]!.totals).toMatchObject({ results: 0, passed: 0, pricedResults: 0 });
    expect(overviews[0]!.totals.costUsd).toBeUndefined();
    expect(overviews[1]!.totals).toMatchObject({ results: 2, passed: 0, failed: 1, errors: 1, costUsd: 3 });
    expect(overviews[1]!.run.config.agents).toEqual(['react']);
  });

  it('pages and filters by dataset, and counts the same runs', () => {
    const store = storeWithRuns();
    expect(store.runOverviews({ limit: 1, offset: 1 }).map((overview) => overview.run.id)).toEqual(['run-new']);
    expect(store.runOverviews({ datasetPath: 'a.jsonl' }).map((overview) => overview.run.id)).toEqual(['run-old']);
    expect(store.countRuns()).toBe(3);
    expect(store.countRuns({ datasetPath: 'b.jsonl' })).toBe(2);
  });

  it('lists datasets by most recent use', () => {
    expect(storeWithRuns().datasets()).toEqual([
      { datasetPath: 'b.jsonl', runs: 2, lastStartedAt: 3_000 },
      { datasetPath: 'a.jsonl', runs: 1, lastStartedAt: 1_000 },
    ]);
  });
});

describe('flakyCaseResults', () => {
  it('returns every epoch of the cells that both passed and failed, and nothing else', () => {
    const store = storeWithRuns();
    store.addCaseResult(caseResultRecord({ runId: 'run-new', caseId: 'z', epoch: 0, status: 'pass' }));
    store.addCaseResult(caseResultRecord({ runId: 'run-new', caseId: 'z', epoch: 1, status: 'fail' }));
    store.addCaseResult(caseResultRecord({ runId: 'run-new', caseId: 'z', epoch: 2, status: 'error' }));
    // Same case under another model: steady, so not flaky.
    store.addCaseResult(caseResultRecord({ runId: 'run-new', caseId: 'z', model: 'sim:weak', epoch: 0, status: 'fail' }));
    store.addCaseResult(caseResultRecord({ runId: 'run-new', caseId: 'z', model: 'sim:weak', epoch: 1, status: 'fail' }));
    const flaky = store.flakyCaseResults('run-new');
    expect(flaky.map((result) => [result.caseId, result.model, result.epoch, result.status])).toEqual([
      ['z', 'sim:strong', 0, 'pass'],
      ['z', 'sim:strong', 1, 'fail'],
      ['z', 'sim:strong', 2, 'error'],
    ]);
    expect(store.flakyCaseResults('run-new', { model: 'sim:weak' })).toEqual([]);
    expect(store.flakyCaseResults('run-old')).toEqual([]);
  });
});
