// Settings of the queue benchmark.

/** Jobs per backend per run: each enqueued, then leased and completed one at a time. */
export const JOBS_PER_RUN = 400;
/** Jobs put through each backend once before measuring (connections, statements, scripts warmed). */
export const WARM_UP_JOBS = 50;
/** A content piece takes minutes; the queue's share of a job should be lost in it. */
export const OVERHEAD_TARGET_MS = 10;
export const LEASE_MS = 60_000;
