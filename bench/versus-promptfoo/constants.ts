// Sizes, versions and targets of the agentlab-vs-promptfoo benchmark, in one place.

/** promptfoo is pinned: a new release can change its speed, so the figures compare against this one. */
export const PROMPTFOO_VERSION = '0.121.20';

/** Single-turn cases per eval, the same on both sides. */
export const CASES = 2000;

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

/** Most agentlab wall time may take, as a share of promptfoo's on the same cases. */
export const WALL_TIME_RATIO_TARGET = 0.25;

/** Most MiB the agentlab eval process may reach (peak RSS). */
export const AGENTLAB_PEAK_RSS_TARGET_MIB = 150;

/** One eval process that takes longer than this is killed, and the benchmark fails. */
export const EVAL_TIMEOUT_MS = 300_000;

/** How long `npm install` of promptfoo may take (about 70 s here). */
export const INSTALL_TIMEOUT_MS = 600_000;
