// Public surface of queue/: the durable job queue's contract, its backends and how one is chosen.
export { openQueue, queueBackends } from './open-queue.js';
export type { OpenQueueOptions, QueueBackend } from './open-queue.js';
export { openStoreQueue, StoreQueue } from './store-queue.js';
export type { OpenStoreQueueOptions, StoreQueueOptions } from './store-queue.js';
export { openBullmqQueue } from './open-bullmq-queue.js';
export type { BullmqQueue, BullmqQueueOptions } from './bullmq-queue.js';
export { queueJobStates } from './job-queue.js';
export type { EnqueueOptions, FailOutcome, JobQueue, JsonInput, JsonValue, ListOptions, QueueCounts, QueueJob, QueueJobState, StateCount, UnparkOptions } from './job-queue.js';
export { QueueError } from './errors.js';
export type { QueueErrorCode } from './errors.js';
export { defaultBackoffMs, defaultMaxAttempts, defaultMaxExpiredLeases, defaultStalledCheckIntervalMs, queueUrlVariable } from './constants.js';
export { keepLease, newWorkerId } from './lease-keeper.js';
export type { LeaseKeeper } from './lease-keeper.js';
