// The report server on a store filled by two real evals on the simulator: every page answers with
// what it should show and its JSON twin with the same data, filters narrow in the right way, and
// unknown ids and bad parameters get 404 and 400 in the format of the path asked for.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import type { ComparePageData } from './pages/compare-page.js';
import type { CaseHistoryPageData } from './pages/case-history-page.js';
import type { CostsPageData } from './pages/costs-page.js';
import type { RunPageData } from './pages/run-page.js';
import type { RunsPageData } from './pages/runs-page.js';
import type { TracePageData } from './pages/trace-page.js';
import type { TrendsPageData } from './pages/trends-page.js';
import { evalFixture, getJson, pageData } from './test-support.js';
import type { EvalFixture } from './test-support.js';

let fixture: EvalFixture;
let app: FastifyInstance;
const now = Date.UTC(2026, 0, 12);

beforeAll(async () => {
  fixture = await evalFixture();
  app = buildApp({ store: fixture.store, now: () => now });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await fixture?.cleanUp();
});

async function html(url: string): Promise<string> {
  const response = await app.inject({ url });
  expect(response.statusCode, `GET ${url}: ${response.body.slice(0, 300)}`).toBe(200);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  return response.body;
}

describe('runs page', () => {
  it('lists both runs newest first, with counts that match the store', async () => {
    const [first, second] = fixture.runs;
    const data = await getJson<RunsPageData>(app, '/api/runs');
    expect(data.runs.map((run) => run.id)).toEqual([second.run.id, first.run.id]);
    const stored = fixture.store.caseResults(second.run.id);
    expect(data.runs[0]!.totals).toMatchObject({
      results: stored.length,
      passed: stored.filter((result) => result.status === 'pass').length,
      failed: stored.filter((result) => result.status === 'fail').length,
    });
    expect(data.runs[0]!.totals.successRate.lower).toBeLessThanOrEqual(data.runs[0]!.totals.successRate.rate);
    const page = await html('/');
    expect(page).toContain(`href="/runs/${second.run.id}"`);
    expect(page).toContain('<nav aria-label="Reports">');
  });

  it('filters by status and pages', async () => {
    expect((await getJson<RunsPageData>(app, '/api/runs?status=running')).runs).toEqual([]);
    expect((await getJson<RunsPageData>(app, '/api/runs?page=2')).runs).toEqual([]);
    expect((await app.inject({ url: '/api/runs?page=0' })).statusCode).toBe(400);
  });
});

describe('run page', () => {
  it('shows the summary with intervals and pass^k, and every result with links to case history and traces', async () => {
    const { run, results } = fixture.runs[1];
    const data = await getJson<RunPageData>(app, `/api/runs/${run.id}`);
    expect(data.results).toHaveLength(results.length);
    expect(data.summary.groups.map((group) => group.model)).toEqual(['sim:oracle', 'sim:weak']);
    expect(data.summary.overall.k).toBe(2);
    expect(data.summary.overall.successRate.upper).toBeGreaterThan(data.summary.overall.successRate.lower);
    const page = await html(`/runs/${run.id}`);
    expect(page).toContain('pass^2');
    expect(page).toContain(`href="/traces/${results.find((result) => result.traceId)!.traceId}"`);
    expect(page).toContain('href="/cases/water?agent=react&amp;model=sim%3Aoracle"');
    expect(pageData(page)).toMatchObject({ runId: run.id, eventsUrl: `/api/runs/${run.id}/events`, live: false });
  });

  it('filters results by fail, error and flaky in the query, showing failed checks\' reasons', async () => {
    const { run, results } = fixture.runs[1];
    const failed = await getJson<RunPageData>(app, `/api/runs/${run.id}?status=fail`);
    expect(failed.results.length).toBe(results.filter((result) => result.status === 'fail').length);
    expect(failed.results.length).toBeGreaterThan(0);
    expect(failed.results.every((row) => row.status === 'fail' && row.failedChecks.length > 0)).toBe(true);
    const page = await html(`/runs/${run.id}?status=fail`);
    expect(page).toContain(failed.results[0]!.failedChecks[0]!.reason.replace(/"/g, '&quot;').slice(0, 40));

    const errors = await getJson<RunPageData>(app, `/api/runs/${run.id}?status=error`);
    expect(errors.results.every((row) => row.status === 'error')).toBe(true);

    const flaky = await getJson<RunPageData>(app, `/api/runs/${run.id}?status=flaky`);
    expect(flaky.results.length).toBe(flaky.counts.flakyResults);
    for (const row of flaky.results) {
      const cell = flaky.results.filter((other) => other.caseId === row.caseId && other.model === row.model && other.agent === row.agent);
      expect(cell.some((other) => other.status === 'pass') && cell.some((other) => other.status === 'fail')).toBe(true);
    }

    const oneCase = await getJson<RunPageData>(app, `/api/runs/${run.id}?case=math&model=sim:oracle`);
    expect(oneCase.results.map((row) => [row.caseId, row.model])).toEqual([['math', 'sim:oracle'], ['math', 'sim:oracle']]);
  });

  it('finds a run by a unique prefix of its id', async () => {
    const { run } = fixture.runs[0];
    const data = await getJson<RunPageData>(app, `/api/runs/${run.id.slice(0, -2)}`);
    expect(data.run.id).toBe(run.id);
  });
});

describe('trends page', () => {
  it('draws a series per model × agent with one point per day and its interval', async () => {
    const data = await getJson<TrendsPageData>(app, '/api/trends?days=30');
    expect(data.dayLabels).toEqual(['2026-01-10', '2026-01-11']);
    expect(data.series.map((series) => `${series.model}/${series.agent}`)).toEqual(['sim:oracle/react', 'sim:weak/react']);
    const oracle = data.series[0]!;
    expect(oracle.points.map((point) => point.successRate.rate)).toEqual([1, 1]);
    expect(oracle.points[0]!.successRate.lower).toBeLessThan(1);
    expect(oracle.points[0]!.tokens).toBeGreaterThan(0);
    const page = await html('/trends?days=30');
    expect(page).toContain('id="chart-success"');
    expect(page).toContain('<script src="/assets/chart.umd.js" defer></script>');
    expect(pageData(page)).toMatchObject({ chart: 'trends', dayLabels: data.dayLabels });
  });

  it('looks back only ?days days and narrows to a ?dataset', async () => {
    expect((await getJson<TrendsPageData>(app, '/api/trends?days=1')).dayLabels).toEqual(['2026-01-11']);
    expect((await getJson<TrendsPageData>(app, '/api/trends?dataset=elsewhere.jsonl')).series).toEqual([]);
    expect((await getJson<TrendsPageData>(app, `/api/trends?dataset=${encodeURIComponent(fixture.datasetPath)}`)).series).toHaveLength(2);
  });
});

describe('compare page', () => {
  it('defaults to the latest run against the previous completed run on the same dataset', async () => {
    const [first, second] = fixture.runs;
    const data = await getJson<ComparePageData>(app, '/api/compare');
    expect(data).toMatchObject({ mode: 'runs', defaulted: true, sameDataset: true });
    expect(data.baseline?.runId).toBe(first.run.id);
    expect(data.candidate?.runId).toBe(second.run.id);
    expect(['regressed', 'improved', 'no significant change']).toContain(data.comparison?.verdict);
    expect(data.regressions.length).toBe(data.comparison?.b);
    expect(data.improvements.length).toBe(data.comparison?.c);
    expect(await html('/compare')).toContain(data.comparison!.verdict);
  });

  it('compares two models of one run; the oracle never fails, so the weak model can only regress', async () => {
    const { run } = fixture.runs[1];
    const data = await getJson<ComparePageData>(app, `/api/compare?run=${run.id}&modelA=sim:oracle&modelB=sim:weak`);
    expect(data.mode).toBe('models');
    expect(data.comparison?.c).toBe(0);
    expect(data.regressions.length).toBe(data.comparison?.b);
    expect(data.regressions.every((row) => row.reasons.length > 0)).toBe(true);
  });

  it('refuses half a comparison and a model the run did not use with 400', async () => {
    const { run } = fixture.runs[1];
    expect((await app.inject({ url: `/api/compare?baseline=${run.id}` })).statusCode).toBe(400);
    expect((await app.inject({ url: `/api/compare?run=${run.id}&modelA=sim:oracle&modelB=sim:nope` })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/compare?baseline=run-nope&candidate=run-nope' })).statusCode).toBe(404);
  });
});

describe('case history page', () => {
  it('shows the case across both runs with its flake rate per agent and model', async () => {
    const data = await getJson<CaseHistoryPageData>(app, '/api/cases/water');
    expect(data.groups.map((group) => group.model)).toEqual(['sim:oracle', 'sim:weak']);
    expect(data.groups[0]).toMatchObject({ runs: 2, passed: 4, failed: 0, flakeRate: 0 });
    expect(data.runs.map((row) => row.runId)).toContain(fixture.runs[0].run.id);
    const narrowed = await getJson<CaseHistoryPageData>(app, '/api/cases/water?model=sim:oracle');
    expect(narrowed.groups).toHaveLength(1);
    expect(narrowed.runs.every((row) => row.model === 'sim:oracle')).toBe(true);
    expect(await html('/cases/water')).toContain('Flake rate');
  });
});

describe('trace page', () => {
  it('shows the waterfall of the spans the eval recorded, with tokens, cost and attributes', async () => {
    const result = fixture.runs[1].results.find((candidate) => candidate.traceId && candidate.model === 'sim:oracle')!;
    const spans = fixture.store.spans(result.traceId!);
    const data = await getJson<TracePageData>(app, `/api/traces/${result.traceId}`);
    expect(data.spans.map((span) => span.spanId).sort()).toEqual(spans.map((span) => span.spanId).sort());
    expect(data.spans[0]!.depth).toBe(0);
    expect(data.spans.some((span) => span.depth > 0 && span.name.startsWith('chat'))).toBe(true);
    expect(data).toMatchObject({ runId: result.runId, caseId: result.caseId });
    expect(data.summary.inputTokens).toBeGreaterThan(0);
    const page = await html(`/traces/${result.traceId}`);
    expect(page).toContain('id="waterfall"');
    expect(page).toContain('gen_ai.operation.name');
    const chat = data.spans.find((span) => span.name.startsWith('chat'))!;
    const selected = await html(`/traces/${result.traceId}?span=${chat.spanId}`);
    expect(selected).toMatch(new RegExp(`data-span-id="${chat.spanId}" aria-selected="true"`));
  });
});

describe('costs page', () => {
  it('breaks cost down by model, agent, dataset and day with cost per success', async () => {
    const data = await getJson<CostsPageData>(app, '/api/costs?days=30');
    expect(data.byModel.map((row) => row.model)).toEqual(['sim:oracle', 'sim:weak']);
    expect(data.byAgent.map((row) => row.agent)).toEqual(['react']);
    expect(data.byDataset.map((row) => row.datasetPath)).toEqual([fixture.datasetPath]);
    expect(data.byDay.map((row) => row.day)).toEqual(['2026-01-10', '2026-01-11']);
    const oracle = data.byModel[0]!;
    expect(oracle.costPerSuccess).toBeCloseTo(oracle.costUsd! / oracle.pricedPasses);
    const page = await html('/costs?days=30');
    expect(page).toContain('id="chart-cost-model"');
    expect(pageData(page)).toMatchObject({ chart: 'costs' });
  });
});

describe('errors', () => {
  it('answers unknown runs, traces and cases with a 404 page, and as JSON under /api', async () => {
    for (const url of ['/runs/run-missing', '/traces/0000', '/cases/no-such-case', '/no/such/page']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('<h1>404 Not found</h1>');
    }
    for (const url of ['/api/runs/run-missing', '/api/traces/0000', '/api/cases/no-such-case', '/api/nothing']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'AGENTLAB_REPORT_NOT_FOUND' } });
    }
    expect((await app.inject({ url: `/api/runs/${fixture.runs[0].run.id}/events` })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/runs/run-missing/events' })).statusCode).toBe(404);
  });

  it('answers bad query parameters with 400 naming the parameter', async () => {
    const { run } = fixture.runs[0];
    for (const url of ['/api/trends?days=abc', '/api/trends?days=0', '/api/costs?days=1.5', `/api/runs/${run.id}?status=passing`, '/api/runs?status=done', '/api/trends?days=1&days=2']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'AGENTLAB_REPORT_BAD_REQUEST' } });
    }
    const page = await app.inject({ url: '/trends?days=abc' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('?days must be a whole number of days');
  });
});

describe('assets and headers', () => {
  it('serves Chart.js and the page scripts from the package', async () => {
    const chart = await app.inject({ url: '/assets/chart.umd.js' });
    expect(chart.statusCode).toBe(200);
    expect(chart.headers['content-type']).toContain('javascript');
    expect(chart.body).toContain('Chart.js');
    for (const url of ['/assets/charts.js', '/assets/live-run.js', '/assets/app.css']) expect((await app.inject({ url })).statusCode, url).toBe(200);
  });

  it('sends a strict Content-Security-Policy and nosniff with every page', async () => {
    for (const url of ['/', '/trends', `/runs/${fixture.runs[0].run.id}`, '/runs/missing']) {
      const response = await app.inject({ url });
      expect(response.headers['content-security-policy']).toBe("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('renders pages without inline scripts or style attributes, which the policy would block', async () => {
    for (const url of ['/', '/trends', '/costs', '/compare', `/runs/${fixture.runs[0].run.id}`, '/cases/water']) {
      const page = await html(url);
      expect(page, url).not.toMatch(/<script(?![^>]*(src=|type="application\/json"))[^>]*>/);
      expect(page, url).not.toMatch(/\sstyle="/);
    }
  });
});
