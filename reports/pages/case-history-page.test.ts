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
