// Sizes and targets of the agentlab-vs-bare-client benchmark, in one place.

/** The same single-turn cases as versus-promptfoo, so the figures line up. */
export { CASES } from '../versus-promptfoo/constants.js';

/** Each concurrency is measured on its own: `--concurrency C` for agentlab, C calls in flight for the loop. */
export const CONCURRENCIES = [4, 16] as const;

/** Most agentlab's whole-process wall time may take, as a multiple of the bare client loop's. */
export const BARE_CLIENT_RATIO_TARGET = 1.15;

/**
 * Pairs per concurrency, at least this many whatever `--runs` says: a run is about 2.5 s a side, and
 * the ratio of a pair moves by ±10% on this machine, so three pairs left the median on either side of
 * the target by chance. Nine take about 50 s at each concurrency.
 */
export const MIN_PAIRS = 9;
