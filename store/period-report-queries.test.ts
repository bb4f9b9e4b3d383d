// Trends and costs over a period: totals per UTC day of the run's start, model and agent, and the
// cost breakdowns, limited to the runs started in the period and on the dataset asked for.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import type { Store } from './sqlite-store.js';
import { caseResultRecord, runRecord } from './test-fixtures.js';

const day = 86_400_000;
const dayOne = Date.UTC(2026, 0, 1, 23, 0);
const opened: Store[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function nightlyStore(): Store {
  const store = openStore(':memory:');
  opened.push(store);
  // Two runs on day one (late evening UTC), one on day two, one long ago, one on another dataset.
  store.createRun(runRecord({ id: 'a', startedAt: dayOne }));
  store.createRun(runRecord({ id: 'b', startedAt: dayOne + 30 * 60_000 }));
  store.createRun(runRecord({ id: 'c', startedAt: dayOne + day }));
  store.createRun(runRecord({ id: 'old', startedAt: dayOne - 100 * day }));
  store.createRun(runRecord({ id: 'other', startedAt: dayOne, datasetPath: 'other.csv' }));
  for (const runId of ['a', 'b', 'c', 'old', 'other']) {
    store.addCaseResult(caseResultRecord({ runId, caseId: 'x', status: 'pass', costUsd: 1, inputTokens: 10, outputTokens: 1 }));
    store.addCaseResult(caseResultRecord({ runId, caseId: 'y', status: 'fail', costUsd: 1, inputTokens: 10, outputTokens: 1 }));
    store.addCaseResult(caseResultRecord({ runId, caseId: 'x', model: 'sim:weak', status: 'fail', costUsd: undefined, inputTokens: 5, outputTokens: 1 }));
  }
  return store;
}

describe('dailyGroupTotals', () => {
  it('groups the period\'s runs by UTC start day, model and agent', () => {
    const store = nightlyStore();
    const rows = store.dailyGroupTotals({ since: dayOne - 10 * day, datasetPath: 'datasets/golden.jsonl' });
    expect(rows.map((row) => [row.day, row.model, row.agent, row.runs, row.passed, row.failed])).toEqual([
      ['2026-01-01', 'sim:strong', 'react', 2, 2, 2],
      ['2026-01-01', 'sim:weak', 'react', 2, 0, 2],
      ['2026-01-02', 'sim:strong', 'react', 1, 1, 1],
      ['2026-01-02', 'sim:weak', 'react', 1, 0, 1],
    ]);
    expect(rows[1]!.costUsd).toBeUndefined();
    expect(rows[0]).toMatchObject({ inputTokens: 40, outputTokens: 4, costUsd: 4 });
  });

  it('leaves out runs outside the period', () => {
    const store = nightlyStore();
    expect(store.dailyGroupTotals({ since: dayOne + day / 2 }).map((row) => row.day)).toEqual(['2026-01-02', '2026-01-02']);
    expect(store.dailyGroupTotals({ until: dayOne - day }).map((row) => row.day)).toEqual(['2025-09-23', '2025-09-23']);
  });
});

describe('costBreakdown', () => {
  it('sums cost by model, agent, dataset and day, with the passes of priced results for cost per success', () => {
    const breakdown = nightlyStore().costBreakdown({ since: dayOne - 10 * day });
    expect(breakdown.byModel).toEqual([
      expect.objectContaining({ model: 'sim:strong', costUsd: 8, pricedPasses: 4, passed: 4 }),
      expect.objectContaining({ model: 'sim:weak', pricedResults: 0, passed: 0 }),
    ]);
    expect(breakdown.byModel[1]!.costUsd).toBeUndefined();
    expect(breakdown.byAgent).toEqual([expect.objectContaining({ agent: 'react', costUsd: 8, results: 12 })]);
    expect(breakdown.byDataset.map((row) => [row.datasetPath, row.costUsd])).toEqual([['datasets/golden.jsonl', 6], ['other.csv', 2]]);
    expect(breakdown.byDay.map((row) => [row.day, row.costUsd])).toEqual([['2026-01-01', 6], ['2026-01-02', 2]]);
    expect(breakdown.overall).toMatchObject({ results: 12, costUsd: 8, pricedPasses: 4 });
  });

  it('is all zeros for a period without runs', () => {
    const breakdown = nightlyStore().costBreakdown({ since: dayOne + 10 * day });
    expect(breakdown).toEqual({ byModel: [], byAgent: [], byDataset: [], byDay: [], overall: expect.objectContaining({ results: 0, pricedResults: 0 }) });
  });
});
