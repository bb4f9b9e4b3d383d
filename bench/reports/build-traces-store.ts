// The synthetic store the traces page benchmark reads: a year of traces from six services, about a
// million spans. Five foreign services (dialect-traces/: Vercel AI SDK, OpenInference, Traceloop
// 0.27 and 0.22, a GenAI-instrumented web service) send TRACES_PER_SERVICE_PER_DAY runs a day on
// average, fewer at weekends, of 8–20 spans each, some with failed tools or model calls; agentlab
// adds an eval run every TRACES_EVAL_EVERY_DAYS days (its runs, case results and their traces).
// Every span is normalised and written through Store.writeSpans, as the OTLP receiver writes it, so
// the `traces` rows are the ones ingest keeps. Content is not recorded: the page never reads it,
// and it would triple the file. Cached like the year store (build-year-store.ts), keyed by
// TRACES_STORE_VERSION and the store's schema version; delete the file to rebuild.
import { renameSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { openStore, storeSchemaVersion } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { normalizeSpans, type SpanRecord } from '../../tracing/index.js';
import {
  BUILD_BATCH_SIZE,
  BUILD_SPANS_PER_WRITE,
  CACHE_FOLDER,
  TRACES_EVAL_EVERY_DAYS,
  TRACES_PER_SERVICE_PER_DAY,
  TRACES_STORE_DAYS,
  TRACES_STORE_VERSION,
  RUN_START_HOUR_UTC,
} from './constants.js';
import { foreignServices, foreignTrace } from './dialect-traces/index.js';
import { cachedStore, removeDatabase, writeInfo } from './cached-store.js';
import { createRandomSource, type RandomSource } from './random-source.js';
import { syntheticRun } from './synthetic-run.js';
import { syntheticTrace } from './synthetic-trace.js';

/** What the sidecar records about a built store. */
export interface TracesStoreInfo {
  version: number;
  schemaVersion: number;
  /** When it was built (ms since the epoch); the newest day of traces is that day. */
  builtAt: number;
  buildMs: number;
  days: number;
  traces: number;
  spans: number;
  services: string[];
}

export interface TracesStore extends TracesStoreInfo {
  path: string;
  /** False when this call built it. */
  reused: boolean;
  fileBytes: number;
}

const millisecondsPerDay = 86_400_000;
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Traces a day on a weekday and at a weekend, as shares of the average: 5 × 1.2 + 2 × 0.5 = 7. */
const weekdayShare = 1.2;
const weekendShare = 0.5;

export function tracesStorePath(schemaVersion = storeSchemaVersion): string {
  return `${repositoryRoot}${CACHE_FOLDER}/traces-store-v${TRACES_STORE_VERSION}-schema${schemaVersion}.db`;
}

/** Writes spans in large transactions, as they are made. */
class SpanBatcher {
  private pending: SpanRecord[] = [];
  spans = 0;

  constructor(private readonly store: Store) {}

  add(spans: readonly SpanRecord[]): void {
    this.pending.push(...spans);
    if (this.pending.length >= BUILD_SPANS_PER_WRITE) this.flush();
  }

  flush(): void {
    this.store.writeSpans(normalizeSpans(this.pending));
    this.spans += this.pending.length;
    this.pending = [];
  }
}

/** An eval run on `dayStart`'s day: its run, case results and traces. */
function addEvalRun(store: Store, batcher: SpanBatcher, dayStart: number, runIndex: number, runCount: number, random: RandomSource): number {
  const { run, finishedAt, results } = syntheticRun(runIndex, runCount, dayStart + RUN_START_HOUR_UTC * 3_600_000, random);
  store.createRun(run);
  for (const result of results) {
    store.addCaseResult(result.record);
    batcher.add(syntheticTrace(result, random));
  }
  store.finishRun(run.id, 'completed', finishedAt);
  return results.length;
}

/** Each foreign service's runs on the day, at random times of it. */
function addForeignDay(batcher: SpanBatcher, dayStart: number, random: RandomSource): number {
  const weekday = new Date(dayStart).getUTCDay();
  const share = weekday === 0 || weekday === 6 ? weekendShare : weekdayShare;
  let traces = 0;
  for (const service of foreignServices) {
    const count = Math.round(TRACES_PER_SERVICE_PER_DAY * share * (0.8 + 0.4 * random.next()));
    for (let index = 0; index < count; index++) {
      batcher.add(foreignTrace(service, random, { startTimeMs: dayStart + random.next() * (millisecondsPerDay - 120_000), defaultContent: false }));
    }
    traces += count;
  }
  return traces;
}

function build(path: string, log: (message: string) => void): TracesStoreInfo {
  const builtAt = Date.now();
  const today = new Date(builtAt);
  const lastDay = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const partial = `${path}.building`;
  removeDatabase(partial);
  const started = performance.now();
  // A long flush delay: case results are written when a batch is full and on finishRun, never by a timer.
  const store = openStore(partial, { batchSize: BUILD_BATCH_SIZE, flushDelayMs: 3_600_000 });
  const random = createRandomSource(TRACES_STORE_VERSION);
  const batcher = new SpanBatcher(store);
  const evalRuns = Math.ceil(TRACES_STORE_DAYS / TRACES_EVAL_EVERY_DAYS);
  let traces = 0;
  try {
    for (let day = 0; day < TRACES_STORE_DAYS; day++) {
      const dayStart = lastDay - (TRACES_STORE_DAYS - 1 - day) * millisecondsPerDay;
      // Counted back from the newest day, so the last day always has its eval run.
      const daysFromNewest = TRACES_STORE_DAYS - 1 - day;
      if (daysFromNewest % TRACES_EVAL_EVERY_DAYS === 0) {
        traces += addEvalRun(store, batcher, dayStart, evalRuns - 1 - daysFromNewest / TRACES_EVAL_EVERY_DAYS, evalRuns, random);
      }
      traces += addForeignDay(batcher, dayStart, random);
      if ((day + 1) % 60 === 0) log(`building the traces store: ${day + 1}/${TRACES_STORE_DAYS} days, ${batcher.spans.toLocaleString('en-US')} spans, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    batcher.flush();
  } finally {
    store.close();
  }
  renameSync(partial, path);
  const info: TracesStoreInfo = {
    version: TRACES_STORE_VERSION,
    schemaVersion: storeSchemaVersion,
    builtAt,
    buildMs: performance.now() - started,
    days: TRACES_STORE_DAYS,
    traces,
    spans: batcher.spans,
    services: ['agentlab', ...foreignServices.map((service) => service.serviceName)],
  };
  writeInfo(path, info);
  return info;
}

/** The cached traces store, built first when there is none for this version. */
export function tracesStore(log: (message: string) => void): TracesStore {
  const path = tracesStorePath();
  const cached = cachedStore<TracesStoreInfo>(tracesStorePath, TRACES_STORE_VERSION, log);
  if (cached) {
    log(`reusing the traces store built ${new Date(cached.builtAt).toISOString()} (${path}; delete it to rebuild)`);
    return { ...cached, path, reused: true, fileBytes: statSync(path).size };
  }
  removeDatabase(path);
  log(`building the traces store: ${TRACES_STORE_DAYS} days of traces from agentlab and ${foreignServices.length} foreign services into ${path}`);
  const info = build(path, log);
  const fileBytes = statSync(path).size;
  log(
    `built the traces store in ${(info.buildMs / 1000).toFixed(1)} s: ${info.traces.toLocaleString('en-US')} traces, ${info.spans.toLocaleString('en-US')} spans, ` +
      `${(fileBytes / 1024 / 1024).toFixed(0)} MiB`,
  );
  return { ...info, path, reused: false, fileBytes };
}
