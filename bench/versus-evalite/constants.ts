// Sizes of the agentlab-vs-evalite benchmark, in one place.

/** The same cases and concurrencies as versus-promptfoo, so the figures line up. */
export { CASES, CONCURRENCIES } from '../versus-promptfoo/constants.js';

/**
 * Runs kept per side and concurrency, whatever `--runs` asks for: an evalite run of the 2,000 cases
 * takes 10-25 s here, and 3 runs of each side at both concurrencies keep the benchmark near 2-3 minutes.
 */
export const MAX_RUNS = 3;
