// Sizes, versions and targets of the agentlab-vs-promptfoo benchmark, in one place.

/** promptfoo is pinned (bench/peer-tools): a new release can change its speed. */
export { PROMPTFOO_VERSION } from '../peer-tools/index.js';

/** Single-turn cases per eval, the same on both sides. */
export const CASES = 2000;

/**
 * Cases of the one warm-up run of each tool before the first measured alternation: enough to bring
 * its files into the page cache and warm the simulator process (a warm-up alternation of the full
 * 2,000 cost about 24 s of `npm run bench`'s 15 minutes, evalite's 17 s).
 */
export const WARMUP_CASES = 200;

/** Each concurrency is measured on its own: `-j C` for promptfoo, `--concurrency C` for agentlab. */
export const CONCURRENCIES = [4, 16] as const;

/**
 * Runs kept per side and concurrency, whatever `--runs` asks for: a promptfoo run takes about 20 s
 * here, and 3 runs of each side at both concurrencies keep the benchmark near 3 minutes.
 */
export const MAX_RUNS = 3;

/** The simulator profile both tools call; `oracle` never injects faults. */
export const SIM_MODEL = 'oracle';

/** Any key does for the simulator; both tools are given this one. */
export const SIM_API_KEY = 'sk-bench';

/** Most agentlab wall time may take, as a share of promptfoo's on the same cases (0.25 until issue 19). */
export const WALL_TIME_RATIO_TARGET = 0.2;

/** Most MiB the agentlab eval process may reach (peak RSS). */
export const AGENTLAB_PEAK_RSS_TARGET_MIB = 150;

/** One eval process that takes longer than this is killed, and the benchmark fails. */
export const EVAL_TIMEOUT_MS = 300_000;
