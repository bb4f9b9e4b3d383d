// The synthetic store the report page benchmark reads: a year of nightly runs (YEAR_RUNS ×
// CASES_PER_RUN cases × MODELS) with a trace for every result, about a million spans, written
// through the Store API in large transactions. Building takes a while, so the file is cached under
// .agentlab/bench/, keyed by YEAR_STORE_VERSION and the store's schema version, with a JSON sidecar
// saying when it was built; later runs reuse it, and a file an older schema left is migrated
// (cached-store.ts). Delete the folder to rebuild.
import { renameSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { openStore, storeSchemaVersion } from '../../store/index.js';
import type { CaseResultRecord, RunRecord } from '../../store/index.js';
import { normalizeSpans, type SpanRecord } from '../../tracing/index.js';
import { BUILD_BATCH_SIZE, BUILD_SPANS_PER_WRITE, CACHE_FOLDER, CASES_PER_RUN, MODELS, RUN_START_HOUR_UTC, YEAR_RUNS, YEAR_STORE_VERSION } from './constants.js';
import { cachedStore, removeDatabase, writeInfo } from './cached-store.js';
import { createRandomSource } from './random-source.js';
import { syntheticRun } from './synthetic-run.js';
import { syntheticTrace } from './synthetic-trace.js';

/** What the sidecar records about a built store. */
export interface YearStoreInfo {
  version: number;
  schemaVersion: number;
  /** When it was built (ms since the epoch); the pages are served as if it were still this time, so their periods hold the same runs. */
  builtAt: number;
  buildMs: number;
  runs: number;
  caseResults: number;
  spans: number;
  /** The newest run, whose page and traces are requested. */
  latestRunId: string;
}

export interface YearStore extends YearStoreInfo {
  path: string;
  /** False when this call built it. */
  reused: boolean;
  /** The database file's size once built and closed. */
  fileBytes: number;
}

const millisecondsPerDay = 86_400_000;
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export function yearStorePath(schemaVersion = storeSchemaVersion): string {
  return `${repositoryRoot}${CACHE_FOLDER}/year-store-v${YEAR_STORE_VERSION}-schema${schemaVersion}.db`;
}

/** The nightly run starts: YEAR_RUNS days, one a day at RUN_START_HOUR_UTC, the last on `now`'s day (or the day before, if that hour is still to come). */
function runStarts(now: number): number[] {
  const today = new Date(now);
  let last = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), RUN_START_HOUR_UTC);
  if (last > now) last -= millisecondsPerDay;
  return Array.from({ length: YEAR_RUNS }, (_, index) => last - (YEAR_RUNS - 1 - index) * millisecondsPerDay);
}

/** One nightly run of the year with its results and their spans. */
export interface YearRun {
  run: RunRecord;
  finishedAt: number;
  results: CaseResultRecord[];
  spans: SpanRecord[];
}

/**
 * The year's runs, oldest first, as the store built at `builtAt` holds them: the same sequence for
 * the same `builtAt` (the random source is seeded), so another backend can be given the same year.
 */
export function* yearRuns(builtAt: number): Generator<YearRun> {
  const random = createRandomSource(YEAR_STORE_VERSION);
  const starts = runStarts(builtAt);
  for (const [runIndex, startedAt] of starts.entries()) {
    const { run, finishedAt, results } = syntheticRun(runIndex, starts.length, startedAt, random);
    const spans: SpanRecord[] = [];
    for (const result of results) spans.push(...syntheticTrace(result, random));
    yield { run, finishedAt, results: results.map((result) => result.record), spans };
  }
}

function build(path: string, log: (message: string) => void): YearStoreInfo {
  const builtAt = Date.now();
  const partial = `${path}.building`;
  removeDatabase(partial);
  const started = performance.now();
  // A long flush delay: batches are written when full and on finishRun, never by a timer.
  const store = openStore(partial, { batchSize: BUILD_BATCH_SIZE, flushDelayMs: 3_600_000 });
  let caseResults = 0;
  let spanCount = 0;
  let latestRunId = '';
  let runIndex = 0;
  try {
    let pendingSpans: SpanRecord[] = [];
    for (const { run, finishedAt, results, spans } of yearRuns(builtAt)) {
      store.createRun(run);
      for (const result of results) store.addCaseResult(result);
      pendingSpans.push(...spans);
      store.finishRun(run.id, 'completed', finishedAt);
      caseResults += results.length;
      latestRunId = run.id;
      if (pendingSpans.length >= BUILD_SPANS_PER_WRITE) {
        store.writeSpans(normalizeSpans(pendingSpans));
        spanCount += pendingSpans.length;
        pendingSpans = [];
      }
      runIndex += 1;
      if (runIndex % 30 === 0) log(`building the year store: ${runIndex}/${YEAR_RUNS} runs, ${spanCount.toLocaleString('en-US')} spans, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    store.writeSpans(normalizeSpans(pendingSpans));
    spanCount += pendingSpans.length;
  } finally {
    store.close();
  }
  renameSync(partial, path);
  const info: YearStoreInfo = {
    version: YEAR_STORE_VERSION,
    schemaVersion: storeSchemaVersion,
    builtAt,
    buildMs: performance.now() - started,
    runs: YEAR_RUNS,
    caseResults,
    spans: spanCount,
    latestRunId,
  };
  writeInfo(path, info);
  return info;
}

/** The cached year store, built first when there is none for this version. */
export function yearStore(log: (message: string) => void): YearStore {
  const path = yearStorePath();
  const cached = cachedStore<YearStoreInfo>(yearStorePath, YEAR_STORE_VERSION, log);
  if (cached) {
    log(`reusing the year store built ${new Date(cached.builtAt).toISOString()} (${path}; delete it to rebuild)`);
    return { ...cached, path, reused: true, fileBytes: statSync(path).size };
  }
  removeDatabase(path);
  log(`building the year store: ${YEAR_RUNS} runs × ${CASES_PER_RUN} cases × ${MODELS.length} models, a trace per result, into ${path}`);
  const info = build(path, log);
  const fileBytes = statSync(path).size;
  log(
    `built the year store in ${(info.buildMs / 1000).toFixed(1)} s: ${info.caseResults.toLocaleString('en-US')} case results, ${info.spans.toLocaleString('en-US')} spans, ` +
      `${(fileBytes / 1024 / 1024).toFixed(0)} MiB, ${Math.round(fileBytes / info.caseResults).toLocaleString('en-US')} bytes per case result (spans included)`,
  );
  return { ...info, path, reused: false, fileBytes };
}
