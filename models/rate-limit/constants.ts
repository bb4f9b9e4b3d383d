// Defaults of the rate limiter: behaviour-altering values live here and nowhere else.

/** The buckets hold this many seconds of the per-minute limit: OpenAI enforces limits over short periods ("quantized"), not per whole minute. */
export const BURST_SECONDS = 1;

/**
 * The buckets start this full (the request bucket with at least one request), not full: the first
 * calls open connections and meet cold code, so they reach the server late and bunched with the next
 * ones; the server's own full bucket absorbs that only if the client did not spend it at once.
 */
export const STARTING_SHARE = 0.25;

/** The limiter paces at this share of the configured rate: the slack absorbs the jitter between when a request leaves and when it arrives. */
export const PACING_SHARE = 0.97;

/** On a 429 the rate is multiplied by this (once per round of requests sent before it)… */
export const DECREASE_FACTOR = 0.5;
/** …never below this share of the configured rate… */
export const MINIMUM_RATE_SHARE = 0.05;
/** …and every successful reply adds this share back, up to the configured rate. */
export const INCREASE_STEP = 0.02;

/** A 429 that names no wait (no Retry-After, no reset header) blocks the limiter this long. */
export const DEFAULT_REFUSAL_WAIT_MS = 1000;
/** Longest wait a server may ask for and be obeyed; longer asks are cut to this. */
export const MAX_REFUSAL_WAIT_MS = 120_000;

/** Completion tokens a request without max_tokens is assumed to take until replies show the real figure. */
export const DEFAULT_EXPECTED_OUTPUT_TOKENS = 256;
/** Weight of each new reply in the running average of completion tokens. */
export const OUTPUT_AVERAGE_WEIGHT = 0.1;

/** Model calls refused by the rate limit that are sent again without using up a call's tries. */
export const RATE_LIMIT_RETRIES = 10;
