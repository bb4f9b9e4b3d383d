// Benchmark: how long the traces list (`/traces` and its JSON twin `/api/traces`) takes over a year
// of traces from six services, about a million spans (the cached store of build-traces-store.ts):
// the first page, a deep page, and each filter. Requests go through app.inject, as report-pages'
// do. Before any is timed, each JSON answer is checked to hold what its filter asks for, so a page
// that lists nothing, or the wrong traces, cannot pass as fast.
import { buildApp } from '../../reports/index.js';
import type { TraceListEntry } from '../../store/index.js';
import { openStore } from '../../store/index.js';
import { median, percentile } from '../harness/index.js';
import type { Benchmark, Figure } from '../harness/index.js';
import { tracesStore, type TracesStore } from './build-traces-store.js';
import {
  PAGE_P95_TARGET_MS,
  PAGE_REQUESTS,
  PAGE_WARMUP_REQUESTS,
  TRACES_DATE_RANGE_DAYS,
  TRACES_DATE_RANGE_DAYS_BACK,
  TRACES_DEEP_PAGE,
  TRACES_SEARCH_TEXT,
  TRACES_SEARCH_TEXT_UNMATCHED,
} from './constants.js';
import { measurePages, type App, type PageSamples, type PageUnderTest } from './page-timing.js';

interface TracesPageUnderTest extends PageUnderTest {
  /** What every listed trace must be; `expectEmpty` for a filter nothing matches. */
  accepts: (trace: TraceListEntry) => boolean;
  expectEmpty?: boolean;
}

const millisecondsPerDay = 86_400_000;
/** The foreign service whose filter is timed. */
const filteredService = 'research-assistant';

function day(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}

function page(label: string, query: string, accepts: (trace: TraceListEntry) => boolean = () => true, expectEmpty = false): TracesPageUnderTest {
  const search = query === '' ? '' : `?${query}`;
  return { label, url: `/traces${search}`, apiUrl: `/api/traces${search}`, accepts, expectEmpty };
}

function pagesUnderTest(store: TracesStore): TracesPageUnderTest[] {
  const newestDay = Date.parse(`${day(store.builtAt)}T00:00:00Z`);
  const from = newestDay - TRACES_DATE_RANGE_DAYS_BACK * millisecondsPerDay;
  const to = from + (TRACES_DATE_RANGE_DAYS - 1) * millisecondsPerDay;
  const contains = (text: string) => (trace: TraceListEntry) => trace.rootName.toLowerCase().includes(text);
  return [
    page('first page', ''),
    page(`page ${TRACES_DEEP_PAGE}`, `page=${TRACES_DEEP_PAGE}`),
    page(`service ${filteredService}`, `service=${filteredService}`, (trace) => trace.serviceName === filteredService),
    page('errors only', 'errors=1', (trace) => trace.errorSpans > 0),
    page(`root span contains "${TRACES_SEARCH_TEXT}"`, `q=${TRACES_SEARCH_TEXT}`, contains(TRACES_SEARCH_TEXT)),
    page('root span text no trace has', `q=${TRACES_SEARCH_TEXT_UNMATCHED}`, contains(TRACES_SEARCH_TEXT_UNMATCHED), true),
    page(`${TRACES_DATE_RANGE_DAYS} days, ${day(from)} to ${day(to)}`, `from=${day(from)}&to=${day(to)}`, (trace) => trace.startTimeMs >= from && trace.startTimeMs < to + millisecondsPerDay),
  ];
}

/** Each page's JSON once: a full page of traces its filter accepts (none, for the unmatched text). */
async function checkPages(app: App, pages: readonly TracesPageUnderTest[]): Promise<void> {
  for (const page of pages) {
    const response = await app.inject({ method: 'GET', url: page.apiUrl });
    if (response.statusCode !== 200) throw new Error(`GET ${page.apiUrl} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
    const { traces } = response.json<{ traces: TraceListEntry[] }>();
    if (page.expectEmpty ? traces.length !== 0 : traces.length === 0) throw new Error(`GET ${page.apiUrl} listed ${traces.length} traces`);
    const wrong = traces.find((trace) => !page.accepts(trace));
    if (wrong) throw new Error(`GET ${page.apiUrl} listed a trace its filter excludes: ${JSON.stringify(wrong)}`);
  }
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

function pageFigures(page: PageUnderTest, samples: PageSamples): Figure[] {
  const how = `${samples.htmlMs.length} requests (app.inject) after ${PAGE_WARMUP_REQUESTS} warm-ups, interleaved with the other pages`;
  const target = { comparison: '<=' as const, value: PAGE_P95_TARGET_MS };
  return [
    {
      name: `traces page p95: ${page.label}`,
      value: percentile(samples.htmlMs, 95),
      unit: 'ms',
      target,
      detail: `GET ${page.url}; ${how}; p50 ${median(samples.htmlMs).toFixed(1)} ms, max ${Math.max(...samples.htmlMs).toFixed(1)} ms; HTML ${kib(samples.htmlBytes)}`,
    },
    {
      name: `traces API p95: ${page.label}`,
      value: percentile(samples.apiMs, 95),
      unit: 'ms',
      target,
      detail: `GET ${page.apiUrl}; the same requests' JSON twin; p50 ${median(samples.apiMs).toFixed(1)} ms, max ${Math.max(...samples.apiMs).toFixed(1)} ms; JSON ${kib(samples.apiBytes)}`,
    },
  ];
}

function storeFigure(store: TracesStore): Figure {
  const built = store.reused ? `reused the cache built ${day(store.builtAt)} in ${(store.buildMs / 1000).toFixed(0)} s` : `built in ${(store.buildMs / 1000).toFixed(1)} s`;
  return {
    name: 'traces store bytes per span',
    value: store.fileBytes / store.spans,
    unit: 'B',
    target: null,
    detail:
      `${(store.fileBytes / 1024 / 1024).toFixed(0)} MiB for ${store.spans.toLocaleString('en-US')} spans in ${store.traces.toLocaleString('en-US')} traces over ${store.days} days ` +
      `from ${store.services.length} services (${store.services.join(', ')}), no content recorded; ${built}`,
  };
}

export const tracesPage: Benchmark = {
  name: 'traces-page',
  description: 'the traces list (/traces and /api/traces, app.inject) over a year of traces from six services, about a million spans: first and deep page, each filter',
  async run(context) {
    const built = tracesStore(context.log);
    const store = openStore(built.path);
    let app: App | undefined;
    try {
      app = buildApp({ store, now: () => built.builtAt });
      await app.ready();
      const pages = pagesUnderTest(built);
      await checkPages(app, pages);
      context.log(`traces page: ${pages.length} pages × ${PAGE_REQUESTS} requests (HTML and JSON twin), ${PAGE_WARMUP_REQUESTS} warm-up rounds`);
      const samples = await measurePages(app, pages, (message) => context.log(`traces page: ${message}`));
      return [...pages.flatMap((page) => pageFigures(page, samples.get(page)!)), storeFigure(built)];
    } finally {
      await app?.close();
      store.close();
    }
  },
};
