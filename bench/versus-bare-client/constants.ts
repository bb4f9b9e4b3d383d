// Sizes and targets of the agentlab-vs-bare-client benchmark, in one place.

/** The same single-turn cases as versus-promptfoo, so the figures line up. */
export { CASES } from '../versus-promptfoo/constants.js';

/** Each concurrency is measured on its own: `--concurrency C` for agentlab, C calls in flight for the loop. */
export const CONCURRENCIES = [4, 16] as const;

/** Most agentlab's whole-process wall time may take, as a multiple of the bare client loop's. */
export const BARE_CLIENT_RATIO_TARGET = 1.15;
