// Sizes of the transport benchmark, in one place.

/** Calls in flight at once, each a row of the comparison. */
export const CONCURRENCIES = [1, 4, 16, 256] as const;

/**
 * Calls per sample at each concurrency: a few hundred milliseconds on a quiet machine (512 at most:
 * 1,024 at 256 in flight doubled the benchmark's share of `npm run bench`'s 15 minutes for medians
 * that moved by a few percent).
 */
export function callsPerSample(concurrency: number): number {
  return Math.min(512, Math.max(200, concurrency * 25));
}

/** Measured rounds, whatever `--runs` says: 4 transports × 8 rows make 32 samples a round. */
export const MAX_ROUNDS = 3;

/** Rounds thrown away before the measured ones, to warm the JIT, the sockets and the pools. */
export const WARMUP_ROUNDS = 1;

/**
 * Most CPU per call agentlab's transport may spend against the node:http one it replaced, as a
 * ratio of the medians: "as fast, within noise".
 */
export const CPU_RATIO_TARGET = 1.1;
