// Sizes, targets and the cache location of the report server benchmarks, in one place.

/** Bump when the synthetic store's contents change, so a cached file built by older code is not reused. */
export const YEAR_STORE_VERSION = 2;

/** A year of nightly runs: one a day, the newest one on the day the store was built. */
export const YEAR_RUNS = 365;
export const CASES_PER_RUN = 200;
export const MODELS = ['sim:strong', 'sim:weak'] as const;
/** Each case runs with one agent, rotating through these, so every agent appears in every run. */
export const AGENTS = ['react', 'plan-execute', 'supervisor', 'pipeline'] as const;
/** Nightly runs start at this hour (UTC). */
export const RUN_START_HOUR_UTC = 2;

/** Case results written per transaction while building (the Store's own default is 64). */
export const BUILD_BATCH_SIZE = 5_000;
/** Spans handed to Store.write at once while building: one transaction each. */
export const BUILD_SPANS_PER_WRITE = 20_000;

/** The cached store lives here, relative to the repository root (`.agentlab/` is git-ignored). */
export const CACHE_FOLDER = '.agentlab/bench';

/** Requests per page whose times make the percentiles, after the warm-up requests. */
export const PAGE_REQUESTS = 30;
export const PAGE_WARMUP_REQUESTS = 3;
/** Most milliseconds a page may take at the 95th percentile (and, informationally, at the median). */
export const PAGE_P95_TARGET_MS = 100;

/** Spans per OTLP request: the batch span processor's default maxExportBatchSize. */
export const SPANS_PER_REQUEST = 512;
/** Requests per measured ingest run, per format: seven batches of each of the payload's six services, so every run carries the same mix. */
export const REQUESTS_PER_INGEST_RUN = 42;
/** Requests in flight at once, as from a few exporters sending at the same time. */
export const INGEST_CONCURRENCY = 4;
/** Fewest spans per second the receiver must store, decode and insert included. */
export const INGEST_SPANS_PER_SECOND_TARGET = 20_000;
/** Ingest runs of each format made first and thrown away (JIT, sockets, the new store's first pages). */
export const INGEST_WARMUP_RUNS = 1;
/** Most runs of each format with content recorded: informational, and their bodies are two to three times the size. */
export const CONTENT_INGEST_RUNS = 3;

/** Bump when the traces store's contents change, so a cached file built by older code is not reused. */
export const TRACES_STORE_VERSION = 1;
/** A year of traces, the newest on the day the store was built. */
export const TRACES_STORE_DAYS = 365;
/** Runs a day of each foreign service on average (more on weekdays, fewer at weekends): with the eval runs, about a million spans. */
export const TRACES_PER_SERVICE_PER_DAY = 36;
/** agentlab's own eval runs (400 results, a trace each) come this many days apart. */
export const TRACES_EVAL_EVERY_DAYS = 7;
/** The deep page of the traces list requested. */
export const TRACES_DEEP_PAGE = 200;
/** Text in some root span names (the foreign services' refund agents) and in none. */
export const TRACES_SEARCH_TEXT = 'refund';
export const TRACES_SEARCH_TEXT_UNMATCHED = 'no-such-agent';
/** The date filter: a month (from, to: both days included) this many days before the newest day. */
export const TRACES_DATE_RANGE_DAYS_BACK = 180;
export const TRACES_DATE_RANGE_DAYS = 30;
