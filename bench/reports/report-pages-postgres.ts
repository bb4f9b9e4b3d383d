// Benchmark: the report pages of report-pages.ts served from PostgreSQL, side by side with SQLite.
// The same year of nightly runs (yearRuns, for the SQLite year store's build time, so both hold the
// same rows) is written through the store interface into a throwaway PostgreSQL cluster this
// benchmark starts (scripts/test-services.mjs; Debian's postgresql) or into a fresh database on the
// server AGENTLAB_BENCH_POSTGRES_URL names. Then both apps answer the same pages, round after round,
// the two stores in turn, through app.inject: routing, the store's queries over the pool and the
// template, no socket between client and app (the database's own loopback socket is counted).
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../reports/index.js';
import { openStore, openStoreBackend } from '../../store/index.js';
import type { StoreBackend } from '../../store/index.js';
import { normalizeSpans } from '../../tracing/index.js';
import type { SpanRecord } from '../../tracing/index.js';
import { percentile } from '../harness/index.js';
import { freshPostgresDatabase } from '../processes/index.js';
import type { Benchmark, Figure } from '../harness/index.js';
import { yearRuns, yearStore } from './build-year-store.js';
import type { YearStore } from './build-year-store.js';
import { BUILD_BATCH_SIZE, BUILD_SPANS_PER_WRITE, PAGE_P95_TARGET_MS, PAGE_REQUESTS, PAGE_WARMUP_REQUESTS } from './constants.js';
import { measurePages, type App, type PageSamples } from './page-timing.js';
import { pagesUnderTest } from './report-pages.js';

/** The year store's runs, results and spans written into `store` through the interface, in large batches. */
async function fill(store: StoreBackend, year: YearStore, log: (message: string) => void): Promise<number> {
  const started = performance.now();
  let pendingSpans: SpanRecord[] = [];
  let runs = 0;
  for (const { run, finishedAt, results, spans } of yearRuns(year.builtAt)) {
    await store.createRun(run);
    for (const result of results) await store.addCaseResult(result);
    await store.finishRun(run.id, 'completed', finishedAt);
    pendingSpans.push(...spans);
    if (pendingSpans.length >= BUILD_SPANS_PER_WRITE) {
      await store.writeSpans(normalizeSpans(pendingSpans));
      pendingSpans = [];
    }
    runs += 1;
    if (runs % 30 === 0) log(`report pages on PostgreSQL: written ${runs}/${year.runs} runs, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  await store.writeSpans(normalizeSpans(pendingSpans));
  return performance.now() - started;
}

export const reportPagesPostgres: Benchmark = {
  name: 'report-pages-postgres',
  description: 'report-pages served from PostgreSQL (the same year of runs written through the store interface), side by side with SQLite',
  async run(context) {
    const year = yearStore(context.log);
    const database = await freshPostgresDatabase('report pages on PostgreSQL', context.log);
    const sqlite = openStore(year.path);
    let postgres: StoreBackend | undefined;
    const apps: App[] = [];
    try {
      postgres = await openStoreBackend(database.url, { batchSize: BUILD_BATCH_SIZE, flushDelayMs: 3_600_000 });
      context.log(`report pages on PostgreSQL: writing the year store (${year.runs} runs, ${year.caseResults.toLocaleString('en-US')} results, ${year.spans.toLocaleString('en-US')} spans) into ${postgres.location}`);
      const fillMs = await fill(postgres, year, context.log);
      const sqliteApp = buildApp({ store: sqlite, now: () => year.builtAt });
      const postgresApp = buildApp({ store: postgres, now: () => year.builtAt });
      apps.push(sqliteApp, postgresApp);
      await Promise.all(apps.map((app) => app.ready()));
      const pages = pagesUnderTest(sqlite, year);
      // The stores in turn, a block of rounds each, so the machine's noise falls on both.
      const blocks = 3;
      const samples = { sqlite: new Map<string, PageSamples>(), postgres: new Map<string, PageSamples>() };
      for (let block = 0; block < blocks; block++) {
        for (const [side, app] of [['sqlite', sqliteApp], ['postgres', postgresApp]] as const) {
          const measured = await measurePages(app, pages, (message) => context.log(`report pages on ${side} (block ${block + 1}/${blocks}): ${message}`), Math.ceil(PAGE_REQUESTS / blocks));
          for (const page of pages) {
            const into = samples[side].get(page.label) ?? { htmlMs: [], apiMs: [], htmlBytes: 0, apiBytes: 0 };
            const got = measured.get(page)!;
            into.htmlMs.push(...got.htmlMs);
            into.apiMs.push(...got.apiMs);
            into.htmlBytes = got.htmlBytes;
            into.apiBytes = got.apiBytes;
            samples[side].set(page.label, into);
          }
        }
      }
      const figures: Figure[] = pages.map((page) => {
        const onPostgres = samples.postgres.get(page.label)!;
        const onSqlite = samples.sqlite.get(page.label)!;
        return {
          name: `report page p95 on PostgreSQL: ${page.label}`,
          value: percentile(onPostgres.htmlMs, 95),
          unit: 'ms',
          target: { comparison: '<=', value: PAGE_P95_TARGET_MS },
          detail:
            `GET ${page.url}; SQLite p95 ${percentile(onSqlite.htmlMs, 95).toFixed(1)} ms in the same run; JSON twin p95 ${percentile(onPostgres.apiMs, 95).toFixed(1)} ms (SQLite ${percentile(onSqlite.apiMs, 95).toFixed(1)} ms); ` +
            `${onPostgres.htmlMs.length} requests each, in ${blocks} blocks alternating the stores, after ${PAGE_WARMUP_REQUESTS} warm-ups per block`,
        };
      });
      figures.push({
        name: 'report store on PostgreSQL: year written through the interface',
        value: fillMs / 1000,
        unit: 's',
        target: null,
        detail: `${year.caseResults.toLocaleString('en-US')} case results in batches of ${BUILD_BATCH_SIZE}, ${year.spans.toLocaleString('en-US')} spans in writes of ${BUILD_SPANS_PER_WRITE}, into a fresh database`,
      });
      return figures;
    } finally {
      for (const app of apps) await app.close();
      sqlite.close();
      await postgres?.close();
      await database.drop();
    }
  },
};
