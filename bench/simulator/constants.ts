// Sizes and targets of the simulator benchmarks, in one place.

/** Sequential calls per run on each side of the overhead comparisons. */
export const OVERHEAD_CALLS_PER_RUN = 300;

/** Most milliseconds the simulator may add to one non-streaming call. */
export const ADDED_MS_PER_CALL_TARGET = 1.0;

/** Most milliseconds the simulator may add to one streamed call. */
export const ADDED_MS_PER_STREAMED_CALL_TARGET = 2.0;

/** The concurrency benchmark: this many calls, this many at a time, each held this long. */
export const CONCURRENT_CALLS = 320;
export const CONCURRENCY = 32;
export const FIXED_LATENCY_MS = 100;

/** Least share of the ideal throughput (CONCURRENCY / FIXED_LATENCY_MS) the simulator must reach. */
export const THROUGHPUT_SHARE_TARGET = 0.9;
