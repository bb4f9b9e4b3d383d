// The contract of the report queries on every backend: the runs page (overviews, counts, datasets),
// a run's groups, flaky cells and result pages, trends and costs over a period, a case's history
// across runs, and the verdicts beside a trace and a case. One small, fixed history of runs.
import { beforeEach, expect, it } from 'vitest';
import type { CaseResultRecord } from '../records.js';
import { caseResultRecord, runRecord } from '../test-fixtures.js';
import { forEachBackend } from './contract-suite.js';

const day = 86_400_000;
const dayOne = Date.UTC(2025, 0, 1, 23, 0);

forEachBackend((context) => {
  beforeEach(async () => {
    const { store } = context;
    await store.createRun(runRecord({ id: 'r1', startedAt: dayOne, datasetPath: 'a.jsonl', datasetHash: 'ha' }));
    await store.createRun(runRecord({ id: 'r2', startedAt: dayOne + day, datasetPath: 'a.jsonl', datasetHash: 'ha', gitCommit: undefined }));
    await store.createRun(runRecord({ id: 'r3', startedAt: dayOne + 2 * day, datasetPath: 'b.jsonl', datasetHash: 'hb' }));
    await store.recordDatasetCases('ha', [{ id: 'c1', goal: 'first goal' }, { id: 'c2', goal: 'second goal' }]);
    const add = (overrides: Partial<CaseResultRecord>) => store.addCaseResult(caseResultRecord(overrides));
    // r1: c1 flaky on react/strong (pass, fail), c2 error on weak; unpriced c3.
    await add({ runId: 'r1', caseId: 'c1', epoch: 0, status: 'pass', costUsd: 0.01, tags: ['math', 'easy'], traceId: 't-r1-c1-0' });
    await add({ runId: 'r1', caseId: 'c1', epoch: 1, status: 'fail', costUsd: 0.02, tags: ['math'], traceId: 't-r1-c1-1', checks: [{ check: 'tools', passed: false, reason: 'Expected SEARCH, got 100%_nothing' }], output: 'nope' });
    await add({ runId: 'r1', caseId: 'c2', model: 'sim:weak', status: 'error', costUsd: 0.03, error: { code: 'E_TIMEOUT', message: 'Model timed out' }, traceId: undefined, tags: ['slow'] });
    await add({ runId: 'r1', caseId: 'c3', costUsd: undefined, status: 'pass', traceId: undefined, tags: [] });
    // r2: c1 passes both epochs.
    await add({ runId: 'r2', caseId: 'c1', epoch: 0, status: 'pass', costUsd: 0.5, startedAt: dayOne + day + 1 });
    await add({ runId: 'r2', caseId: 'c1', epoch: 1, status: 'pass', costUsd: 0.5, startedAt: dayOne + day + 2 });
    // r3: c1 fails, on another dataset.
    await add({ runId: 'r3', caseId: 'c1', status: 'fail', costUsd: 1, agent: 'plan', startedAt: dayOne + 2 * day + 1 });
    await store.finishRun('r1', 'completed', dayOne + 1_000);
    await store.finishRun('r2', 'interrupted', dayOne + day + 1_000);
  });

  it('pages runs newest first with their totals, counts them, and lists datasets', async () => {
    const { store } = context;
    const overviews = await store.runOverviews({ limit: 2 });
    expect(overviews.map((overview) => overview.run.id)).toEqual(['r3', 'r2']);
    expect(overviews[1]?.totals).toEqual({ results: 2, passed: 2, failed: 0, errors: 0, inputTokens: 2400, outputTokens: 160, costUsd: 1, pricedResults: 2, pricedPasses: 2, latencyMs: 1625 });
    const [r1] = await store.runOverviews({ datasetPath: 'a.jsonl', status: 'completed' });
    expect(r1?.totals).toEqual({ results: 4, passed: 2, failed: 1, errors: 1, inputTokens: 4800, outputTokens: 320, costUsd: expect.closeTo(0.06, 12), pricedResults: 3, pricedPasses: 1, latencyMs: 3250 });
    expect((await store.runOverviews({ offset: 2 })).map((overview) => overview.run.id)).toEqual(['r1']);
    await store.createRun(runRecord({ id: 'empty', startedAt: 1 }));
    const [empty] = await store.runOverviews({ offset: 3 });
    expect(empty?.totals).toEqual({ results: 0, passed: 0, failed: 0, errors: 0, inputTokens: 0, outputTokens: 0, pricedResults: 0, pricedPasses: 0, latencyMs: 0 });
    expect(await store.countRuns()).toBe(4);
    expect(await store.countRuns({ datasetPath: 'a.jsonl' })).toBe(2);
    expect(await store.countRuns({ status: 'interrupted' })).toBe(1);
    expect(await store.datasets()).toEqual([
      { datasetPath: 'b.jsonl', runs: 1, lastStartedAt: dayOne + 2 * day },
      { datasetPath: 'a.jsonl', runs: 2, lastStartedAt: dayOne + day },
      { datasetPath: 'datasets/golden.jsonl', runs: 1, lastStartedAt: 1 },
    ]);
  });

  it("gives a run's groups and its flaky cells", async () => {
    const { store } = context;
    expect((await store.runGroupTotals('r1')).map((group) => [group.model, group.agent, group.results, group.pricedResults])).toEqual([
      ['sim:strong', 'react', 3, 2],
      ['sim:weak', 'react', 1, 1],
    ]);
    expect((await store.flakyCaseResults('r1')).map((result) => `${result.caseId}/${result.epoch}/${result.status}`)).toEqual(['c1/0/pass', 'c1/1/fail']);
    expect(await store.flakyCaseResults('r1', { model: 'sim:weak' })).toEqual([]);
    expect(await store.flakyCaseResults('r2')).toEqual([]);
  });

  it("pages a run's results under filters, counts its status tabs, and lists its tags", async () => {
    const { store } = context;
    const page = await store.caseResultPage('r1', { limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.results.map((result) => `${result.caseId}/${result.epoch}`)).toEqual(['c1/1', 'c2/0']);
    const keys = async (filter: Parameters<typeof store.caseResultPage>[1]) => (await store.caseResultPage('r1', filter)).results.map((result) => `${result.caseId}/${result.epoch}`);
    const all = { limit: 10, offset: 0 };
    expect(await keys({ ...all, status: 'flaky' })).toEqual(['c1/0', 'c1/1']);
    expect(await keys({ ...all, status: 'error' })).toEqual(['c2/0']);
    expect(await keys({ ...all, tag: 'math' })).toEqual(['c1/0', 'c1/1']);
    expect(await keys({ ...all, tag: 'mat' })).toEqual([]);
    expect(await keys({ ...all, text: 'search' })).toEqual(['c1/0', 'c1/1', 'c2/0', 'c3/0']);
    expect(await keys({ ...all, text: 'search, GOT' })).toEqual(['c1/1']);
    expect(await keys({ ...all, text: '100%_' })).toEqual(['c1/1']);
    expect(await keys({ ...all, text: '0%x' })).toEqual([]);
    expect(await keys({ ...all, text: 'timed OUT' })).toEqual(['c2/0']);
    expect(await keys({ ...all, text: 'e_timeout' })).toEqual(['c2/0']);
    expect(await keys({ ...all, text: 'C3' })).toEqual(['c3/0']);
    expect(await keys({ ...all, text: 'NOPE', model: 'sim:strong', agent: 'react', caseId: 'c1' })).toEqual(['c1/1']);
    expect(await store.caseResultStatusCounts('r1')).toEqual({ results: 4, passed: 2, failed: 1, errors: 1, flakyCells: 1, flakyResults: 2 });
    expect(await store.caseResultStatusCounts('r1', { tag: 'math' })).toEqual({ results: 2, passed: 1, failed: 1, errors: 0, flakyCells: 1, flakyResults: 2 });
    expect(await store.caseResultStatusCounts('r1', { text: 'nope' })).toEqual({ results: 1, passed: 0, failed: 1, errors: 0, flakyCells: 1, flakyResults: 1 });
    expect(await store.caseResultStatusCounts('no-run')).toEqual({ results: 0, passed: 0, failed: 0, errors: 0, flakyCells: 0, flakyResults: 0 });
    expect(await store.caseResultTags('r1')).toEqual(['easy', 'math', 'slow']);
  });

  it('sums trends by UTC day, model and agent, and costs by model, agent, dataset and day', async () => {
    const { store } = context;
    const daily = await store.dailyGroupTotals({ since: dayOne, until: dayOne + 3 * day });
    expect(daily.map((row) => [row.day, row.model, row.agent, row.runs, row.results])).toEqual([
      ['2025-01-01', 'sim:strong', 'react', 1, 3],
      ['2025-01-01', 'sim:weak', 'react', 1, 1],
      ['2025-01-02', 'sim:strong', 'react', 1, 2],
      ['2025-01-03', 'sim:strong', 'plan', 1, 1],
    ]);
    expect((await store.dailyGroupTotals({ since: dayOne + 1, datasetPath: 'a.jsonl' })).map((row) => row.day)).toEqual(['2025-01-02']);
    const costs = await store.costBreakdown({});
    expect(costs.byModel.map((row) => [row.model, row.results, row.costUsd])).toEqual([['sim:strong', 6, expect.closeTo(2.03, 12)], ['sim:weak', 1, 0.03]]);
    expect(costs.byAgent.map((row) => [row.agent, row.results])).toEqual([['plan', 1], ['react', 6]]);
    expect(costs.byDataset.map((row) => [row.datasetPath, row.results])).toEqual([['a.jsonl', 6], ['b.jsonl', 1]]);
    expect(costs.byDay.map((row) => [row.day, row.results])).toEqual([['2025-01-01', 4], ['2025-01-02', 2], ['2025-01-03', 1]]);
    expect(costs.overall).toMatchObject({ results: 7, passed: 4, failed: 2, errors: 1, pricedResults: 6, pricedPasses: 3 });
    const none = await store.costBreakdown({ since: dayOne + 10 * day });
    expect(none).toEqual({ byModel: [], byAgent: [], byDataset: [], byDay: [], overall: { results: 0, passed: 0, failed: 0, errors: 0, inputTokens: 0, outputTokens: 0, pricedResults: 0, pricedPasses: 0, latencyMs: 0 } });
  });

  it("gives a case's outcome per run and its totals per agent and model", async () => {
    const { store } = context;
    const outcomes = await store.caseRunOutcomes('c1');
    expect(outcomes.map((row) => [row.runId, row.agent, row.results, row.passed, row.failed, row.traceId ?? null, row.runGitCommit ?? null])).toEqual([
      ['r3', 'plan', 1, 0, 1, '0af7651916cd43dd8448eb211c80319c', 'abc123'],
      ['r2', 'react', 2, 2, 0, '0af7651916cd43dd8448eb211c80319c', null],
      ['r1', 'react', 2, 1, 1, 't-r1-c1-1', 'abc123'],
    ]);
    expect(outcomes[1]).toMatchObject({ runStatus: 'interrupted', runStartedAt: dayOne + day, costUsd: 1 });
    expect((await store.caseRunOutcomes('c1', { agent: 'react', limit: 1 })).map((row) => row.runId)).toEqual(['r2']);
    expect(await store.caseGroupTotals('c1')).toEqual([
      { agent: 'plan', model: 'sim:strong', runs: 1, flakyRuns: 0, firstStartedAt: dayOne + 2 * day + 1, lastStartedAt: dayOne + 2 * day + 1, results: 1, passed: 0, failed: 1, errors: 0, inputTokens: 1200, outputTokens: 80, costUsd: 1, pricedResults: 1, pricedPasses: 0, latencyMs: 812.5 },
      { agent: 'react', model: 'sim:strong', runs: 2, flakyRuns: 1, firstStartedAt: 1_700_000_001_000, lastStartedAt: dayOne + day + 2, results: 4, passed: 3, failed: 1, errors: 0, inputTokens: 4800, outputTokens: 320, costUsd: expect.closeTo(1.03, 12), pricedResults: 4, pricedPasses: 3, latencyMs: 3250 },
    ]);
    expect(await store.caseGroupTotals('no-case')).toEqual([]);
  });

  it('finds the result of a trace, the unpassed verdicts of a case and its newest definition', async () => {
    const { store } = context;
    expect((await store.traceCaseResult({ runId: 'r1', caseId: 'c1', traceId: 't-r1-c1-1' }))?.epoch).toBe(1);
    expect((await store.traceCaseResult({ runId: 'r1', caseId: 'c2', traceId: 'unknown', epoch: 0 }))?.status).toBe('error');
    expect((await store.traceCaseResult({ runId: 'r1', caseId: 'c2', traceId: 'unknown', epoch: 0, agent: 'plan' }))).toBeUndefined();
    expect(await store.traceCaseResult({ runId: 'r1', caseId: 'c2', traceId: 'unknown' })).toBeUndefined();
    expect(await store.unpassedCaseVerdicts('c1', ['r3', 'r1', 'r2', 'r1'])).toEqual([
      { runId: 'r1', agent: 'react', model: 'sim:strong', epoch: 1, status: 'fail', checks: [{ check: 'tools', passed: false, reason: 'Expected SEARCH, got 100%_nothing' }], traceId: 't-r1-c1-1' },
      { runId: 'r3', agent: 'plan', model: 'sim:strong', epoch: 0, status: 'fail', checks: caseResultRecord().checks, traceId: '0af7651916cd43dd8448eb211c80319c' },
    ]);
    expect(await store.unpassedCaseVerdicts('c1', [])).toEqual([]);
    expect(await store.newestCaseDefinition('c1')).toEqual({ runId: 'r2', definition: { id: 'c1', goal: 'first goal' } });
    expect(await store.newestCaseDefinition('c3')).toBeUndefined();
  });
});
