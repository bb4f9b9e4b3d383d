// Sizes and targets of the postgres-writers benchmark, in one place.

/** Concurrent `agentlab eval --shard i/SHARDS` processes writing one run, as a CI matrix of that width would. */
export const SHARDS = 16;
/** Single-call reply cases (bench/workloads) in the dataset every shard reads. */
export const CASES = 4_000;
/** Epochs per case: the cells are CASES × EPOCHS, one agent and one model. */
export const EPOCHS = 2;
/** Cases in flight in each shard process. */
export const CONCURRENCY_PER_SHARD = 8;
/** The simulator answers at once: the writers, not the model, set the pace. */
export const SIM_LATENCY = 'zero';
export const AGENT = 'react';
/** The simulator's `oracle` profile reached as an OpenAI endpoint: it answers each reply case exactly. */
export const MODEL = 'openai:oracle';
/** Most time the shards may take together before they are killed and the benchmark fails. */
export const SHARDS_TIMEOUT_MS = 5 * 60_000;
