// Sizes and the target of the memory-recall benchmark.

/** Memories in the store the recalls search. */
export const MEMORY_COUNT = 100_000;
/** The vector size the simulator's embeddings have by default, as `sim:strong` gives them. */
export const EMBEDDING_MODEL = 'sim:strong';
/** One namespace holds them all, spread over these agents and the shared scope (''). */
export const NAMESPACE = 'bench';
export const AGENTS = ['react', 'plan-execute', 'supervisor', 'pipeline', ''] as const;
/** Recalls timed per run; the figure is the median over runs of each run's p95. */
export const RECALLS_PER_RUN = 100;
/** Recalls made and thrown away first, so that the figures are of warm code and a mapped file. */
export const WARM_UP_RECALLS = 20;
/** Memories each recall returns. */
export const RECALL_K = 5;
/** p95 of one recall (embed the query, KNN, re-rank, count the accesses), in milliseconds. */
export const RECALL_P95_TARGET_MS = 50;
