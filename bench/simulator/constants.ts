// Sizes and targets of the simulator benchmarks, in one place.

/** Sequential calls per sample on each side of the overhead comparisons. */
export const CALLS_PER_SAMPLE = 100;

/** Pairs of samples per `--runs`; the figure is the median of the pairs' differences. */
export const PAIRS_PER_RUN = 8;

/** The figure is the median of at least this many pairs, whatever `--runs` says (3 by default). */
export const MIN_PAIRS = 24;

/** Pairs thrown away first (3,000 calls a side): the client's, the simulator's and the bare server's code warm up in this fresh process. */
export const WARMUP_PAIRS = 15;

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
/**
 * Alternations of simulator-concurrency, at least this many whatever `--runs` says: a run is 1.1 s,
 * and single runs read 0.88-0.93 of ideal in one full bench (the bare server's alike), so the median
 * of three fell either side of the target by chance. Five take about 12 s.
 */
export const CONCURRENCY_MIN_RUNS = 5;
