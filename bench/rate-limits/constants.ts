// Sizes and targets of the rate-limits benchmark, in one place.

/** Single-call cases in agentlab's eval (the figure). */
export const CASES = 1000;

/**
 * The first of those cases promptfoo evaluates: at its pace on the limited endpoint (about 0.45 of the
 * allowed rate) 400 take about as long as agentlab's 1,000, so the two sides, which run at the same
 * time on endpoints of their own, end together.
 */
export const PROMPTFOO_CASES = 400;

/** What the simulator process allows per model (`agentlab sim --rpm`), and what agentlab's config says. */
export const RPM = 600;

/** Milliseconds the simulator holds every call: a small model's answer, not zero. */
export const SIM_LATENCY_MS = 200;

/** Cases in flight, on both sides (`--concurrency`, promptfoo's `-j`): more than the limit needs (10 a second × 0.2 s). */
export const CONCURRENCY = 16;

/** Least share of the allowed rate the limited eval must reach. */
export const RATE_SHARE_TARGET = 0.9;

/** One eval process that takes longer than this is killed (1,000 calls at 600 a minute take at least 100 s). */
export const EVAL_TIMEOUT_MS = 600_000;
