// Sizes and targets of the eval-latency-scale benchmark, in one place.

/** Single-call cases in the one eval. */
export const CASES = 10_000;
export const CONCURRENCY = 256;
/** The simulator holds every call this long (`agentlab sim --latency 1000`): a real model's pace. */
export const FIXED_LATENCY_MS = 1000;

/** Least share of the ideal throughput (CONCURRENCY / FIXED_LATENCY_MS = 256 calls/s, 39 s) the eval must reach. */
export const THROUGHPUT_SHARE_TARGET = 0.9;
/** Most peak resident memory the agentlab process may reach over the whole run, in MB (10^6 bytes). */
export const PEAK_RSS_TARGET_MB = 300;

/** The eval takes about 45 s; one that runs this long has hung or crawled. */
export const EVAL_TIMEOUT_MS = 5 * 60_000;
