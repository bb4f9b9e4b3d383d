// Sizes of the agentlab-vs-evalite benchmark, in one place.

/** The same cases as versus-promptfoo, so the figures line up. */
export { CASES, WARMUP_CASES } from '../versus-promptfoo/constants.js';

/**
 * Concurrency 4 only, the setting the peers are compared at (issue 19): an evalite run takes 3-4 times
 * agentlab's, and a second concurrency would add minutes to `npm run bench`'s 15-minute budget.
 */
export const CONCURRENCIES = [4] as const;

/**
 * Runs kept per side and concurrency, whatever `--runs` asks for: an evalite run of the 2,000 cases
 * takes 10-25 s here, and 3 runs of each side at both concurrencies keep the benchmark near 2-3 minutes.
 */
export const MAX_RUNS = 3;
