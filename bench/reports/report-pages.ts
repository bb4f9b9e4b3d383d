// Benchmark: how long the report server takes to answer its HTML pages over a year of nightly runs
// (the cached synthetic store of build-year-store.ts). Requests go through app.inject, so the figures
// are Fastify routing, the store's queries and the eta rendering, without socket noise. Each page's
// requests are interleaved with the others' so the machine's noise falls on all of them alike.
import { buildApp } from '../../reports/index.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { median, percentile } from '../harness/index.js';
import type { Benchmark, Figure } from '../harness/index.js';
import { yearStore } from './build-year-store.js';
import type { YearStore } from './build-year-store.js';
import { PAGE_P95_TARGET_MS, PAGE_REQUESTS, PAGE_WARMUP_REQUESTS } from './constants.js';
import { measurePages, type App, type PageSamples, type PageUnderTest } from './page-timing.js';
import { storeSize } from './store-size.js';

/** The pages a person opens, on the newest run and one of its failed results' traces. */
export function pagesUnderTest(store: Store, year: YearStore): PageUnderTest[] {
  const failed = store.caseResults(year.latestRunId, { status: 'fail' });
  // The largest trace of a failed result: the one a person is most likely to open, and the slowest to draw.
  const traced = [...failed].sort((left, right) => right.modelCalls - left.modelCalls)[0];
  if (!traced?.traceId) throw new Error(`the year store's latest run ${year.latestRunId} has no failed result with a trace`);
  const caseId = traced.caseId;
  const runPath = `/runs/${encodeURIComponent(year.latestRunId)}`;
  const tracePath = `/traces/${traced.traceId}`;
  const casePath = `/cases/${encodeURIComponent(caseId)}`;
  return [
    { label: 'trends, 90 days', url: '/trends', apiUrl: '/api/trends' },
    { label: 'trends, 365 days', url: '/trends?days=365', apiUrl: '/api/trends?days=365' },
    { label: 'run, 400 results', url: runPath, apiUrl: `/api${runPath}` },
    { label: `trace, ${traced.modelCalls * 2} spans`, url: tracePath, apiUrl: `/api${tracePath}` },
    { label: 'runs list', url: '/', apiUrl: '/api/runs' },
    { label: 'costs, 30 days', url: '/costs', apiUrl: '/api/costs' },
    { label: 'costs, 365 days', url: '/costs?days=365', apiUrl: '/api/costs?days=365' },
    { label: 'case history', url: casePath, apiUrl: `/api${casePath}` },
    { label: 'compare, latest vs previous', url: '/compare', apiUrl: '/api/compare' },
  ];
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

function pageFigures(page: PageUnderTest, samples: PageSamples): Figure[] {
  const p50 = median(samples.htmlMs);
  const p95 = percentile(samples.htmlMs, 95);
  const how = `${samples.htmlMs.length} requests (app.inject) after ${PAGE_WARMUP_REQUESTS} warm-ups, interleaved with the other pages`;
  return [
    {
      name: `report page p95: ${page.label}`,
      value: p95,
      unit: 'ms',
      target: { comparison: '<=', value: PAGE_P95_TARGET_MS },
      detail: `GET ${page.url}; ${how}; max ${Math.max(...samples.htmlMs).toFixed(1)} ms; HTML ${kib(samples.htmlBytes)}`,
    },
    {
      name: `report page p50: ${page.label}`,
      value: p50,
      unit: 'ms',
      target: null,
      detail: `JSON twin ${page.apiUrl.split('?')[0]}: p50 ${median(samples.apiMs).toFixed(1)} ms, p95 ${percentile(samples.apiMs, 95).toFixed(1)} ms (same load, no template)`,
    },
  ];
}

function storeFigure(year: YearStore): Figure {
  const size = storeSize(year.path);
  const built = year.reused ? `reused the cache built ${new Date(year.builtAt).toISOString().slice(0, 10)} in ${(year.buildMs / 1000).toFixed(0)} s` : `built in ${(year.buildMs / 1000).toFixed(1)} s`;
  return {
    name: 'report store bytes per case result',
    value: year.fileBytes / year.caseResults,
    unit: 'B',
    target: null,
    detail:
      `${(year.fileBytes / 1024 / 1024).toFixed(0)} MiB for ${year.runs} runs, ${year.caseResults.toLocaleString('en-US')} case results and ${year.spans.toLocaleString('en-US')} spans; ` +
      `case results ${Math.round(size.caseResultBytes / year.caseResults)} B each with indexes and totals, spans ${Math.round(size.spanBytes / year.spans)} B each; ${built}`,
  };
}

export const reportPages: Benchmark = {
  name: 'report-pages',
  description: 'report server pages (app.inject) over a year of nightly runs: 146,000 case results, about a million spans',
  async run(context) {
    const year = yearStore(context.log);
    const store = openStore(year.path);
    let app: App | undefined;
    try {
      // Served as of the build, so a cached store's 90-day window still holds 90 runs.
      app = buildApp({ store, now: () => year.builtAt });
      await app.ready();
      const pages = pagesUnderTest(store, year);
      context.log(`report pages: ${pages.length} pages × ${PAGE_REQUESTS} requests (HTML and JSON twin), ${PAGE_WARMUP_REQUESTS} warm-up rounds`);
      const samples = await measurePages(app, pages, (message) => context.log(`report pages: ${message}`));
      return [...pages.flatMap((page) => pageFigures(page, samples.get(page)!)), storeFigure(year)];
    } finally {
      await app?.close();
      store.close();
    }
  },
};
