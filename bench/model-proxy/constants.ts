// Sizes and target of the model-proxy benchmark, in one place.

/** Sequential calls per sample, on each side. */
export const CALLS_PER_SAMPLE = 100;

/**
 * Pairs of samples per `--runs`: many short samples rather than a few long ones, so that the bursts
 * of other work on this shared machine fall on both sides of most pairs; the figure is the median
 * of the pairs' differences.
 */
export const PAIRS_PER_RUN = 8;

/** The target's figure is the median of at least this many pairs, whatever `--runs` says (3 by default). */
export const MIN_TARGET_PAIRS = 40;

/** Most milliseconds the proxy may add to one non-streamed model call (the target). */
export const ADDED_MS_PER_CALL_TARGET = 0.3;

/**
 * Pairs thrown away first, 8,000 calls: both sides warm their sockets, and the JIT the code of the
 * client, the simulator and the proxy. Measured on the development VM, a call straight to the
 * simulator keeps getting faster for about that long (from 1.5 ms to 0.75 ms), and what the proxy
 * adds with it (from about 0.4 ms to 0.18 ms): kept pairs from before then made the figure depend
 * on how fast the machine happened to warm up.
 */
export const WARMUP_PAIRS = 40;

/**
 * For the informational figures, measured after the target's has warmed the client, proxy and
 * simulator code in this process: fewer pairs thrown away (their sockets and route are new, the JIT's
 * work is done) and fewer kept per run. They take about half the benchmark's time this way.
 */
export const INFORMATIONAL_WARMUP_PAIRS = 6;
export const INFORMATIONAL_PAIRS_PER_RUN = 3;

/** The simulator as an eval opens it for a `sim:` model: in process; `oracle` never injects faults. */
export const IN_PROCESS_SIM_REFERENCE = 'sim:oracle';
/** The simulator as its own process, reached as an OpenAI endpoint. */
export const SIM_PROCESS_REFERENCE = 'openai:oracle';
/** The model both references name, as the request sends it. */
export const SIMULATOR_MODEL = 'oracle';
