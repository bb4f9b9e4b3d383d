// The compare page's verdict on records made to differ: ten cases that passed in the baseline and
// fail in the candidate are a significant regression, listed with why they failed. Its forms offer
// the store's runs and the chosen run's models, and its sentences count in words that agree.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { buildApp } from '../app.js';
import { caseResult, getJson, runRecord } from '../test-support.js';
import type { ComparePageData } from './compare-page.js';

let store: Store;
let app: FastifyInstance;
const caseIds = Array.from({ length: 10 }, (_, index) => `case-${index}`);

beforeAll(async () => {
  store = openStore(':memory:');
  store.createRun(runRecord({ id: 'run-base', startedAt: Date.UTC(2026, 0, 1) }));
  store.createRun(runRecord({ id: 'run-next', startedAt: Date.UTC(2026, 0, 2), gitCommit: 'fedcba9876' }));
  for (const caseId of caseIds) {
    store.addCaseResult(caseResult({ runId: 'run-base', caseId, status: 'pass', traceId: `base-${caseId}` }));
    store.addCaseResult(caseResult({ runId: 'run-base', caseId, model: 'sim:weak', status: 'fail', checks: [{ check: 'tools', passed: false, reason: 'no calculator' }] }));
    store.addCaseResult(caseResult({
      runId: 'run-next',
      caseId,
      status: 'fail',
      checks: [{ check: 'output_contains', passed: false, reason: `the answer lacks "42" (${caseId})` }],
      traceId: `next-${caseId}`,
    }));
    store.addCaseResult(caseResult({ runId: 'run-next', caseId, model: 'sim:weak', status: 'fail' }));
  }
  app = buildApp({ store });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  store?.close();
});

describe('compare page', () => {
  it('calls ten flipped cases out of ten a regression, with the exact McNemar p-value and the reasons', async () => {
    const data = await getJson<ComparePageData>(app, '/api/compare?baseline=run-base&candidate=run-next');
    expect(data.comparison).toMatchObject({ b: 10, c: 0, verdict: 'regressed', paired: 20 });
    expect(data.comparison!.pValue).toBeCloseTo(2 * 0.5 ** 10, 10);
    expect(data.regressions.map((row) => row.caseId)).toEqual(caseIds);
    expect(data.regressions[0]).toMatchObject({ model: 'sim:strong', baselineTraceId: 'base-case-0', candidateTraceId: 'next-case-0', reasons: ['output_contains: the answer lacks "42" (case-0)'] });
    expect(data.improvements).toEqual([]);

    const page = (await app.inject({ url: '/compare?baseline=run-base&candidate=run-next' })).body;
    expect(page).toContain('<section class="verdict verdict-regressed">');
    expect(page).toContain('exact McNemar p = 0.00195');
    expect(page).toContain('href="/cases/case-3?agent=react&amp;model=sim%3Astrong"');
    expect(page).toContain('href="/traces/next-case-3"');
  });

  it('with no parameters compares the latest run with the previous completed one', async () => {
    const data = await getJson<ComparePageData>(app, '/api/compare');
    expect([data.baseline?.runId, data.candidate?.runId, data.comparison?.verdict]).toEqual(['run-base', 'run-next', 'regressed']);
  });

  it('compares two models of a run: the weak model regresses against the strong one in the baseline run', async () => {
    const data = await getJson<ComparePageData>(app, '/api/compare?run=run-base&modelA=sim:strong&modelB=sim:weak');
    expect(data.comparison).toMatchObject({ b: 10, c: 0, verdict: 'regressed' });
    expect(data.regressions[0]).toMatchObject({ caseId: 'case-0', reasons: ['tools: no calculator'] });
    expect(data.regressions[0]!.model).toBeUndefined();
  });

  it('offers the recent runs, by id, date and short dataset name, and the models of a run that has two', async () => {
    const data = await getJson<ComparePageData>(app, '/api/compare');
    expect(data.choices.map((choice) => [choice.id, choice.datasetName, choice.models])).toEqual([
      ['run-next', 'cases.jsonl', ['sim:strong', 'sim:weak']],
      ['run-base', 'cases.jsonl', ['sim:strong', 'sim:weak']],
    ]);
    expect(data.modelPick).toEqual({ run: 'run-next', modelA: 'sim:strong', modelB: 'sim:weak' });
    const page = (await app.inject({ url: '/compare?run=run-base&modelA=sim:weak&modelB=sim:strong' })).body;
    expect(page).toContain('<option value="run-base" title="datasets/cases.jsonl" selected>run-base · 2026-01-01 00:00 · cases.jsonl</option>');
    expect(page).toMatch(/<select name="modelA" id="compare-model-a">\s*<option value="sim:strong">sim:strong<\/option>\s*<option value="sim:weak" selected>sim:weak<\/option>/);
    expect(page).toMatch(/<select name="modelB" id="compare-model-b">\s*<option value="sim:strong" selected>sim:strong<\/option>/);
    expect(page).not.toMatch(/<input[^>]*name="model/);
  });

  it('says when there is nothing to compare', async () => {
    const empty = openStore(':memory:');
    const emptyApp = buildApp({ store: empty });
    const data = await getJson<ComparePageData>(emptyApp, '/api/compare');
    expect(data).toMatchObject({ mode: 'none', reason: 'The store holds no runs yet.' });
    expect((await emptyApp.inject({ url: '/compare' })).body).toContain('The store holds no runs yet.');
    await emptyApp.close();
    empty.close();
  });

  it('points up to the forms when the latest run has nothing earlier to be compared with', async () => {
    const lone = openStore(':memory:');
    lone.createRun(runRecord({ id: 'run-only' }));
    const loneApp = buildApp({ store: lone });
    const page = (await loneApp.inject({ url: '/compare' })).body;
    expect(page).toContain('pick two runs or two models above.');
    expect(page).not.toContain('below');
    await loneApp.close();
    lone.close();
  });

  it('counts in words that agree with the numbers: 1 regression, 1 improvement, 1 pair left out', async () => {
    const small = openStore(':memory:');
    small.createRun(runRecord({ id: 'run-1', startedAt: Date.UTC(2026, 0, 1) }));
    small.createRun(runRecord({ id: 'run-2', startedAt: Date.UTC(2026, 0, 2) }));
    const outcomes: Array<[string, 'pass' | 'fail' | 'error', 'pass' | 'fail' | 'error']> = [['down', 'pass', 'fail'], ['up', 'fail', 'pass'], ['broken', 'pass', 'error']];
    for (const [caseId, before, after] of outcomes) {
      small.addCaseResult(caseResult({ runId: 'run-1', caseId, status: before }));
      small.addCaseResult(caseResult({ runId: 'run-2', caseId, status: after }));
    }
    small.addCaseResult(caseResult({ runId: 'run-1', caseId: 'dropped', status: 'pass' }));
    const smallApp = buildApp({ store: small });
    const page = (await smallApp.inject({ url: '/compare?baseline=run-1&candidate=run-2' })).body;
    const text = page.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(text).toContain('run-2 against run-1: 1 regression (passed in the baseline, fail in the candidate) and 1 improvement (the other way round) over 2 paired results');
    expect(text).toContain('1 pair was left out because one side was an error.');
    expect(text).toContain('Results with no partner on the other side: 1 of the baseline, 0 of the candidate.');
    expect(text).not.toMatch(/\b1 (pairs|regressions|improvements|paired results)\b/);
    await smallApp.close();
    small.close();
  });
});
