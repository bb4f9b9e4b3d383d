// Sizes and target of the eval-scale benchmark, in one place.

/** Single-call cases in the one eval: 100,000 case results, one epoch each. */
export const CASES = 100_000;
export const CONCURRENCY = 16;

/** Most peak resident memory the agentlab process may reach over the whole run, in MiB. */
export const PEAK_RSS_TARGET_MIB = 300;

/** The eval takes about two minutes here; one that runs this long has hung or crawled. */
export const EVAL_TIMEOUT_MS = 10 * 60_000;
