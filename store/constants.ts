// Store defaults: where the database lives and how case results are batched into transactions.

/** The database file, relative to the working directory; its parent folders are created on open. */
export const defaultStorePath = '.agentlab/agentlab.db';
/** The path that keeps the whole store in memory, for tests and throwaway runs. */
export const inMemoryStorePath = ':memory:';
/** Case results are written in one transaction once this many are buffered. */
export const caseResultBatchSize = 64;
/** …or this long after the first buffered one, whichever comes first. */
export const caseResultFlushDelayMs = 200;
/** How long a write waits for another connection's write lock (runner and report server share the file). */
export const busyTimeoutMs = 5_000;
/** How many candidate ids an ambiguous run id prefix error lists. */
export const ambiguousRunIdsShown = 5;
/** How often a store refreshes the heartbeat of the runs it is making. */
export const runHeartbeatIntervalMs = 30_000;
/**
 * A running run whose heartbeat is older than this reads as interrupted: ten missed beats, so a
 * busy event loop is not mistaken for a dead process. On the owner's machine a dead pid tells sooner.
 */
export const staleRunAfterMs = 5 * 60_000;
/** How much of the file a connection that searches memory maps into memory (see vector-extension.ts). */
export const vectorSearchMmapBytes = 1024 * 1024 * 1024;
/** The largest k a vec0 KNN query accepts. */
export const vectorSearchMaxK = 4096;
