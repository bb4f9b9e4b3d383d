// Queue defaults: the retry budget, the backoff between attempts, how often a lease may expire
// before the job is given up on, and the Redis backend's key prefix and stalled-check interval.

/** Attempts a job gets when enqueued without `maxAttempts`: a job failed this many times is dead. */
export const defaultMaxAttempts = 3;
/** The first retry waits this long; each later one twice the one before (exponential, as BullMQ's). */
export const defaultBackoffMs = 1_000;
/**
 * How many times a job's lease may expire and be taken over (its worker died or hung) before the
 * next expiry makes it dead: a job that kills every worker that takes it must not go round for ever.
 * The Redis backend passes it to BullMQ as the worker's `maxStalledCount`.
 */
export const defaultMaxExpiredLeases = 3;
/** How many of a job's most recent errors are kept (oldest dropped first). */
export const keptErrors = 10;
/** `list` returns at most this many jobs unless given a limit. */
export const defaultListLimit = 100;
/** The environment variable naming the queue backend (`redis://…`); the store queue when unset. */
export const queueUrlVariable = 'AGENTLAB_QUEUE_URL';
/** BullMQ's key prefix for agentlab's queues (`agentlab:<queue>:…`). */
export const redisKeyPrefix = 'agentlab';
/**
 * How often, at most, a lease on the Redis backend looks for jobs whose lock expired (BullMQ's
 * `stalledInterval`). BullMQ moves a job back only when two checks in a row find it unlocked, so an
 * expired lease is noticed between one and two intervals after it expired.
 */
export const defaultStalledCheckIntervalMs = 5_000;
/** How long connecting to Redis may take before the queue reports it unreachable. */
export const redisConnectTimeoutMs = 5_000;
/** Stage names are used as keys in JSON paths and Redis scripts, so they are kept plain. */
export const stageNamePattern = /^[A-Za-z0-9_-]{1,100}$/;
