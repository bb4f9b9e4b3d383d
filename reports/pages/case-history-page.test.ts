// A case across runs: its flake rate is the share of graded results against the majority, per agent
// and model, errors left out; runs whose epochs disagreed are counted as flaky runs.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { buildApp } from '../app.js';
import { caseResult, getJson, runRecord } from '../test-support.js';
import type { CaseHistoryPageData } from './case-history-page.js';

let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  store = openStore(':memory:');
  const outcomes: Array<Array<'pass' | 'fail' | 'error'>> = [['pass', 'pass'], ['pass', 'fail'], ['pass', 'error'], ['pass', 'pass']];
  outcomes.forEach((epochs, index) => {
    const runId = `run-${index}`;
    store.createRun(runRecord({ id: runId, startedAt: Date.UTC(2026, 0, 1 + index) }));
    epochs.forEach((status, epoch) => store.addCaseResult(caseResult({ runId, caseId: 'wobbly', epoch, status, startedAt: Date.UTC(2026, 0, 1 + index, 1, epoch) })));
  });
  app = buildApp({ store });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  store?.close();
});

describe('case history page', () => {
  it('gives the flake rate over every graded result and counts the flaky runs', async () => {
    const data = await getJson<CaseHistoryPageData>(app, '/api/cases/wobbly');
    expect(data.groups).toHaveLength(1);
    // 6 passes, 1 fail, 1 error: min(6, 1) / 7.
    expect(data.groups[0]).toMatchObject({ runs: 4, passed: 6, failed: 1, errors: 1, flakyRuns: 1 });
    expect(data.groups[0]!.flakeRate).toBeCloseTo(1 / 7);
    expect(data.runs.map((row) => row.runId)).toEqual(['run-3', 'run-2', 'run-1', 'run-0']);
    const page = (await app.inject({ url: '/cases/wobbly' })).body;
    expect(page).toContain('<td class="number flake-rate">14.3%</td>');
    expect(page).toContain('href="/runs/run-1?case=wobbly&amp;agent=react&amp;model=sim%3Astrong"');
  });

  it('answers a model the case never ran on with 404', async () => {
    expect((await app.inject({ url: '/api/cases/wobbly?model=sim:other' })).statusCode).toBe(404);
  });
});

describe('why a case failed, on its page', () => {
  let reasonStore: Store;
  let reasonApp: FastifyInstance;
  const failedCheck = { check: 'tools', passed: false, reason: 'expected search_web in order; no search_web; calls were: (none)' };
  const passedCheck = { check: 'completed', passed: true, reason: 'the run completed' };

  beforeAll(async () => {
    reasonStore = openStore(':memory:');
    // The older run recorded the case's definition; the newest one's dataset did not.
    reasonStore.createRun(runRecord({ id: 'run-old', startedAt: Date.UTC(2026, 0, 1), datasetHash: 'hash-old' }));
    reasonStore.createRun(runRecord({ id: 'run-new', startedAt: Date.UTC(2026, 0, 2), datasetHash: 'hash-new' }));
    reasonStore.recordDatasetCases('hash-old', [{ id: 'search', goal: 'Who created Python?', expected_tools: ['search_web'] }]);
    reasonStore.addCaseResult(caseResult({ runId: 'run-old', caseId: 'search', epoch: 1, status: 'pass', checks: [passedCheck], traceId: 'trace-old-1' }));
    reasonStore.addCaseResult(caseResult({ runId: 'run-new', caseId: 'search', epoch: 1, status: 'fail', checks: [failedCheck, passedCheck], traceId: 'trace-new-1' }));
    reasonStore.addCaseResult(caseResult({ runId: 'run-new', caseId: 'search', epoch: 2, status: 'fail', checks: [failedCheck, passedCheck], traceId: 'trace-new-2' }));
    reasonStore.addCaseResult(caseResult({ runId: 'run-new', caseId: 'search', epoch: 3, status: 'error', checks: [], error: { code: 'model_call_failed', message: '429 Rate limit reached' }, traceId: 'trace-new-3' }));
    reasonApp = buildApp({ store: reasonStore });
    await reasonApp.ready();
  });
  afterAll(async () => {
    await reasonApp?.close();
    reasonStore?.close();
  });

  it('shows the case card from the newest run that recorded the definition', async () => {
    const data = await getJson<CaseHistoryPageData>(reasonApp, '/api/cases/search');
    expect(data.card).toMatchObject({ caseId: 'search', goal: 'Who created Python?', checks: [] });
    expect(data.card.expectations.map((line) => line.label)).toEqual(['Tools (in_order)']);
    expect(data.definitionRunId).toBe('run-old');
    const page = (await reasonApp.inject({ url: '/cases/search' })).body;
    expect(page).toContain('<span class="label">Goal</span> Who created Python?');
  });

  it("lists each unpassed run's failed checks and errors once, with the epochs and traces they happened in", async () => {
    const data = await getJson<CaseHistoryPageData>(reasonApp, '/api/cases/search');
    const [newest, oldest] = data.runs;
    expect(newest!.reasons).toEqual([
      { check: 'tools', reason: failedCheck.reason, epochs: [{ epoch: 1, traceId: 'trace-new-1' }, { epoch: 2, traceId: 'trace-new-2' }] },
      { check: 'error model_call_failed', reason: '429 Rate limit reached', epochs: [{ epoch: 3, traceId: 'trace-new-3' }] },
    ]);
    expect(oldest!.reasons).toEqual([]);
    const page = (await reasonApp.inject({ url: '/cases/search' })).body;
    expect(page).toContain(`<strong>tools</strong> <span class="reason">${failedCheck.reason}</span>`);
    expect(page).toContain('<a href="/traces/trace-new-2" title="the trace of epoch 2">epoch 2</a>');
    expect(page).toContain('<strong>error model_call_failed</strong> <span class="reason">429 Rate limit reached</span>');
  });

  it('says when no run recorded what the case asks', async () => {
    const data = await getJson<CaseHistoryPageData>(app, '/api/cases/wobbly');
    expect(data.card.goal).toBeUndefined();
    expect(data.definitionRunId).toBeUndefined();
    expect((await app.inject({ url: '/cases/wobbly' })).body).toContain('were not recorded for this run');
  });
});
