// The compare page's verdict on records made to differ: ten cases that passed in the baseline and
// fail in the candidate are a significant regression, listed with why they failed.
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

  it('says when there is nothing to compare', async () => {
    const empty = openStore(':memory:');
    const emptyApp = buildApp({ store: empty });
    const data = await getJson<ComparePageData>(emptyApp, '/api/compare');
    expect(data).toMatchObject({ mode: 'none', reason: 'The store holds no runs yet.' });
    expect((await emptyApp.inject({ url: '/compare' })).body).toContain('The store holds no runs yet.');
    await emptyApp.close();
    empty.close();
  });
});
