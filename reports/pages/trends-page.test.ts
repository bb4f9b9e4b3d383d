// Trends show one dataset at a time: the newest run's unless another (or all) is asked for, named
// by its short name; each point carries what its tooltip shows (pass, fail, error and the interval).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { buildApp } from '../app.js';
import { caseResult, getJson, pageData, runRecord } from '../test-support.js';
import type { TrendColumns } from './trend-columns.js';
import type { TrendsPageData } from './trends-page.js';

let store: Store;
let app: FastifyInstance;
const nightlyPath = '/ci/checkout/datasets/golden/agent-tasks.jsonl';
const smokePath = '/ci/checkout/datasets/golden/smoke.csv';
const now = Date.UTC(2026, 0, 20);

beforeAll(async () => {
  store = openStore(':memory:');
  // Nightly runs on one dataset, then a newer run on another.
  for (const day of [10, 11, 12]) {
    const id = `run-nightly-${day}`;
    store.createRun(runRecord({ id, startedAt: Date.UTC(2026, 0, day, 3), datasetPath: nightlyPath, datasetHash: 'nightly' }));
    store.addCaseResult(caseResult({ runId: id, caseId: 'a', status: 'pass' }));
    store.addCaseResult(caseResult({ runId: id, caseId: 'b', status: day === 12 ? 'fail' : 'pass' }));
    store.addCaseResult(caseResult({ runId: id, caseId: 'c', status: 'error' }));
  }
  store.createRun(runRecord({ id: 'run-smoke', startedAt: Date.UTC(2026, 0, 15, 9), datasetPath: smokePath, datasetHash: 'smoke' }));
  store.addCaseResult(caseResult({ runId: 'run-smoke', caseId: 'a', model: 'sim:weak', status: 'fail' }));
  app = buildApp({ store, now: () => now });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  store?.close();
});

describe('trends page', () => {
  it('shows the dataset of the newest run when none is asked for, by its short name', async () => {
    const data = await getJson<TrendsPageData>(app, '/api/trends');
    expect(data).toMatchObject({ dataset: smokePath, datasetName: 'smoke.csv', datasetDefaulted: true, dayLabels: ['2026-01-15'] });
    expect(data.series.map((series) => series.model)).toEqual(['sim:weak']);
    expect(data.datasets).toEqual([
      { path: smokePath, name: 'smoke.csv' },
      { path: nightlyPath, name: 'agent-tasks.jsonl' },
    ]);
    const page = (await app.inject({ url: '/trends' })).body;
    expect(page).toContain(`<option value="${smokePath}" title="${smokePath}" selected>smoke.csv</option>`);
    expect(page).toContain('<option value="">all datasets</option>');
    expect(page).toContain('the dataset of the newest run');
  });

  it('mixes every dataset for an empty ?dataset= (the select\'s "all datasets") rather than refusing it', async () => {
    const data = await getJson<TrendsPageData>(app, '/api/trends?dataset=');
    expect(data.dataset).toBeUndefined();
    expect(data.datasetDefaulted).toBe(false);
    expect(data.dayLabels).toEqual(['2026-01-10', '2026-01-11', '2026-01-12', '2026-01-15']);
    expect(data.series.map((series) => series.model)).toEqual(['sim:strong', 'sim:weak']);
    expect((await app.inject({ url: '/trends?dataset=' })).body).toContain('<option value="" selected>all datasets</option>');
  });

  it('narrows to the dataset asked for, each point with its counts and interval for the tooltip', async () => {
    const data = await getJson<TrendsPageData>(app, `/api/trends?dataset=${encodeURIComponent(nightlyPath)}`);
    expect(data).toMatchObject({ dataset: nightlyPath, datasetName: 'agent-tasks.jsonl', datasetDefaulted: false });
    expect(data.series).toHaveLength(1);
    const last = data.series[0]!.points[2]!;
    expect(last).toMatchObject({ day: '2026-01-12', passed: 1, failed: 1, errors: 1, runs: 1 });
    expect(last.successRate.rate).toBe(0.5);
    expect(last.successRate.lower).toBeLessThan(0.5);
    expect(last.successRate.upper).toBeGreaterThan(0.5);
    const page = (await app.inject({ url: `/trends?dataset=${encodeURIComponent(nightlyPath)}` })).body;
    // The charts get the points as columns, the interval to a millionth.
    const points = data.series[0]!.points;
    expect(pageData(page)).toMatchObject({ chart: 'trends', dayLabels: data.dayLabels, series: [{ model: 'sim:strong', agent: 'react' }] });
    const columns = (pageData(page) as { series: Array<{ columns: TrendColumns }> }).series[0]!.columns;
    expect(columns).toMatchObject({ day: points.map((point) => point.day), runs: points.map((point) => point.runs), passed: points.map((point) => point.passed), failed: points.map((point) => point.failed), errors: points.map((point) => point.errors), tokens: points.map((point) => point.tokens) });
    expect(columns.rate[2]).toBe(0.5);
    points.forEach((point, index) => {
      expect(columns.lower[index]).toBeCloseTo(point.successRate.lower, 6);
      expect(columns.upper[index]).toBeCloseTo(point.successRate.upper, 6);
      expect(columns.costUsd[index]).toBe(point.costUsd ?? null);
    });
  });

  it('says which dataset has no runs in the period, in agreeing words', async () => {
    const page = (await app.inject({ url: '/trends?days=1' })).body;
    expect(page.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')).toContain('No runs of smoke.csv in the last 1 day.');
  });
});
