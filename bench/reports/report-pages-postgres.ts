// Benchmark: the report pages of report-pages.ts served from PostgreSQL, side by side with SQLite.
// The same year of nightly runs (yearRuns, for the SQLite year store's build time, so both hold the
// same rows) is written through the store interface into a PostgreSQL cluster kept in
// .agentlab/bench/ between runs (scripts/test-services.mjs --keep; Debian's postgresql), once per
// year store, as the SQLite year store is built once: writing it takes a few minutes, which every
// `npm run bench` paid when the cluster was thrown away. With AGENTLAB_BENCH_POSTGRES_URL set it is
// written into a fresh database on that server instead, every run. Then both apps answer the same pages, round after round,
// the two stores in turn, through app.inject: routing, the store's queries over the pool and the
// template, no socket between client and app (the database's own loopback socket is counted).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../reports/index.js';
import { openStore, openStoreBackend } from '../../store/index.js';
import { withPostgresClient } from '../../store/postgres/scratch-database.js';
import type { StoreBackend } from '../../store/index.js';
import { normalizeSpans } from '../../tracing/index.js';
import type { SpanRecord } from '../../tracing/index.js';
import { percentile } from '../harness/index.js';
import { freshPostgresDatabase, keptPostgresCluster } from '../processes/index.js';
import type { Benchmark, Figure } from '../harness/index.js';
import { yearRuns, yearStore } from './build-year-store.js';
import type { YearStore } from './build-year-store.js';
import { BUILD_BATCH_SIZE, BUILD_SPANS_PER_WRITE, CACHE_FOLDER, PAGE_P95_TARGET_MS, PAGE_REQUESTS, PAGE_WARMUP_REQUESTS, YEAR_STORE_VERSION } from './constants.js';
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

/** Where the PostgreSQL year is kept between runs, and the database in it. */
const keptFolder = fileURLToPath(new URL(`../../${CACHE_FOLDER}/year-store-v${YEAR_STORE_VERSION}-postgres`, import.meta.url));
const keptMarker = `${keptFolder}/year.json`;
const keptDatabase = 'agentlab_year';

/** Written once the year is in the kept database: which year store it copies, and what writing it took. */
interface KeptYear {
  yearBuiltAt: number;
  fillMs: number;
  filledAt: string;
}

interface YearOnPostgres {
  url: string;
  /** The time writing the year took, now or when the kept database was written. */
  fillMs: number;
  /** Set when the kept database already held this year. */
  filledAt?: string;
  /** Fills the database when it does not hold the year yet (given the store opened on `url`). */
  fill(store: StoreBackend): Promise<void>;
  release(): Promise<void>;
}

function readKeptYear(): KeptYear | undefined {
  if (!existsSync(keptMarker)) return undefined;
  try {
    return JSON.parse(readFileSync(keptMarker, 'utf8')) as KeptYear;
  } catch {
    return undefined;
  }
}

async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  await withPostgresClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
}

/** The year's database: the kept one (written now if it holds another year or none), or a fresh one on AGENTLAB_BENCH_POSTGRES_URL's server. */
async function yearOnPostgres(year: YearStore, log: (message: string) => void): Promise<YearOnPostgres> {
  const writeYear = async (store: StoreBackend, result: { fillMs: number }) => {
    log(`report pages on PostgreSQL: writing the year store (${year.runs} runs, ${year.caseResults.toLocaleString('en-US')} results, ${year.spans.toLocaleString('en-US')} spans) into ${store.location}`);
    result.fillMs = await fill(store, year, log);
    await store.flush();
  };
  if (process.env.AGENTLAB_BENCH_POSTGRES_URL) {
    const database = await freshPostgresDatabase('report pages on PostgreSQL', log);
    const result: YearOnPostgres = { url: database.url, fillMs: 0, fill: (store) => writeYear(store, result), release: () => database.drop() };
    return result;
  }
  const cluster = await keptPostgresCluster(keptFolder, 'report pages on PostgreSQL', log);
  const url = new URL(cluster.adminUrl);
  url.pathname = `/${keptDatabase}`;
  const kept = readKeptYear();
  if (kept?.yearBuiltAt === year.builtAt) {
    log(`report pages on PostgreSQL: reusing the year written ${kept.filledAt} (delete ${keptFolder} to write it again)`);
    return { url: url.toString(), fillMs: kept.fillMs, filledAt: kept.filledAt, fill: async () => undefined, release: () => cluster.stop() };
  }
  try {
    rmSync(keptMarker, { force: true });
    await recreateDatabase(cluster.adminUrl, keptDatabase);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  const result: YearOnPostgres = {
    url: url.toString(),
    fillMs: 0,
    fill: async (store) => {
      await writeYear(store, result);
      writeFileSync(keptMarker, `${JSON.stringify({ yearBuiltAt: year.builtAt, fillMs: result.fillMs, filledAt: new Date().toISOString() } satisfies KeptYear)}\n`);
    },
    release: () => cluster.stop(),
  };
  return result;
}

export const reportPagesPostgres: Benchmark = {
  name: 'report-pages-postgres',
  description: 'report-pages served from PostgreSQL (the same year of runs written through the store interface), side by side with SQLite',
  async run(context) {
    const year = yearStore(context.log);
    const database = await yearOnPostgres(year, context.log);
    const sqlite = openStore(year.path);
    let postgres: StoreBackend | undefined;
    const apps: App[] = [];
    try {
      postgres = await openStoreBackend(database.url, { batchSize: BUILD_BATCH_SIZE, flushDelayMs: 3_600_000 });
      await database.fill(postgres);
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
        value: database.fillMs / 1000,
        unit: 's',
        target: null,
        detail: `${year.caseResults.toLocaleString('en-US')} case results in batches of ${BUILD_BATCH_SIZE}, ${year.spans.toLocaleString('en-US')} spans in writes of ${BUILD_SPANS_PER_WRITE}, into an empty database${database.filledAt ? `; measured when the kept database was written, ${database.filledAt}, and reused since` : ''}`,
      });
      return figures;
    } finally {
      for (const app of apps) await app.close();
      sqlite.close();
      await postgres?.close();
      await database.release();
    }
  },
};
