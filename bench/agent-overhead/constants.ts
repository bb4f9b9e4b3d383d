// Sizes and target of the agent-overhead benchmark, in one place.

/** Sequential single-call agent runs (and as many bare calls) per sample. */
export const CALLS_PER_SAMPLE = 300;

/** Most milliseconds the agent harness may add to one model call. */
export const ADDED_MS_PER_CALL_TARGET = 0.5;

/** The simulator profile both sides call; `oracle` never injects faults. */
export const MODEL_REFERENCE = 'openai:oracle';
