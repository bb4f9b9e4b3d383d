// Sizes and target of the eval-concurrency benchmark, in one place.

/** Single-call cases per eval: 2 s at the ideal rate, long enough that the run's edges matter little. */
export const CASES = 640;
export const CONCURRENCY = 32;
/** The simulator holds every call this long (`agentlab sim --latency 100`). */
export const FIXED_LATENCY_MS = 100;

/** Least share of the ideal throughput (CONCURRENCY / FIXED_LATENCY_MS) the eval must reach. */
export const THROUGHPUT_SHARE_TARGET = 0.9;
/** Fresh `agentlab eval` processes timed for the informational cold-process figure. */
export const CLI_RUNS = 3;
