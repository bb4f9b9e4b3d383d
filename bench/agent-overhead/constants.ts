// Sizes and target of the agent-overhead benchmark, in one place.

/** Sequential single-call agent runs (and as many bare calls) per sample. */
export const CALLS_PER_SAMPLE = 100;

/**
 * Pairs of samples per `--runs`: many short samples rather than a few long ones, so that bursts of
 * other work on this shared machine fall on both sides of most pairs; the figure is the median of
 * the pairs' differences (as bench/model-proxy measures its overhead).
 */
export const PAIRS_PER_RUN = 8;

/** The figure is the median of at least this many pairs, whatever `--runs` says (3 by default). */
export const MIN_PAIRS = 40;

/**
 * Pairs thrown away first, 3,000 runs on each side: the agent's longer path (sandbox, run, spans)
 * keeps getting faster for longer than the bare loop does. Three warm-up samples of 300 left the
 * figure drifting down from run to run (0.5, 0.45, 0.2 ms added), so a run's median depended on how
 * fast the machine happened to warm up.
 */
export const WARMUP_PAIRS = 30;

/** Most milliseconds the agent harness may add to one model call. */
export const ADDED_MS_PER_CALL_TARGET = 0.5;

/** The simulator profile both sides call; `oracle` never injects faults. */
export const MODEL_REFERENCE = 'openai:oracle';
