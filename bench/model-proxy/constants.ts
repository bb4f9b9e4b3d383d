// Sizes and target of the model-proxy benchmark, in one place.

/** Sequential calls per sample, on each side. */
export const CALLS_PER_SAMPLE = 100;

/**
 * Pairs of samples per `--runs`: many short samples rather than a few long ones, so that the bursts
 * of other work on this shared machine fall on both sides of most pairs; the figure is the median
 * of the pairs' differences.
 */
export const PAIRS_PER_RUN = 8;

/** Most milliseconds the proxy may add to one non-streamed model call (the target). */
export const ADDED_MS_PER_CALL_TARGET = 0.3;

/** Pairs thrown away first: both sides warm their sockets and the proxy's path its JIT. */
export const WARMUP_PAIRS = 6;

/** The simulator as an eval opens it for a `sim:` model: in process; `oracle` never injects faults. */
export const IN_PROCESS_SIM_REFERENCE = 'sim:oracle';
/** The simulator as its own process, reached as an OpenAI endpoint. */
export const SIM_PROCESS_REFERENCE = 'openai:oracle';
/** The model both references name, as the request sends it. */
export const SIMULATOR_MODEL = 'oracle';
