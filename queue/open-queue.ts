// The registry of queue backends, chosen by the URL's scheme: no URL (AGENTLAB_QUEUE_URL unset) is
// the queue in agentlab's store (SQLite or PostgreSQL, whichever the store is); `redis://…` and
// `rediss://…` are BullMQ on Redis. Adding a backend is one new module and one entry in
// `queueBackends`; callers never name a backend themselves.
import { queueUrlVariable } from './constants.js';
import { queueUrlUnsupported } from './errors.js';
import type { JobQueue } from './job-queue.js';
import type { OpenStoreQueueOptions } from './store-queue.js';

export interface OpenQueueOptions extends OpenStoreQueueOptions {
  /** The backend's URL; `process.env.AGENTLAB_QUEUE_URL` unless given; unset means the store queue. */
  url?: string;
  backoffMs?: number;
  maxExpiredLeases?: number;
  /** Redis only: the key prefix (`agentlab` by default). */
  prefix?: string;
  /** Redis only: how often expired leases are looked for (BullMQ's stalledInterval). */
  stalledCheckIntervalMs?: number;
}

export interface QueueBackend {
  /** URL schemes with their colon, e.g. `redis:`. */
  schemes: readonly string[];
  open(url: string, options: OpenQueueOptions): Promise<JobQueue>;
}

/** BullMQ is loaded only when a Redis URL is used, so the store queue never loads it. */
export const queueBackends: readonly QueueBackend[] = [
  { schemes: ['redis:', 'rediss:'], open: async (url, options) => (await import('./bullmq-queue.js')).openBullmqQueue(url, options) },
];

/** Opens the queue the URL (or AGENTLAB_QUEUE_URL) names: AGENTLAB_QUEUE_URL_UNSUPPORTED for an unknown scheme. */
export async function openQueue(options: OpenQueueOptions = {}): Promise<JobQueue> {
  const url = options.url ?? process.env[queueUrlVariable];
  if (url === undefined || url.trim() === '') {
    const { openStoreQueue } = await import('./store-queue.js');
    return openStoreQueue(options);
  }
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0].toLowerCase();
  const backend = queueBackends.find((candidate) => scheme !== undefined && candidate.schemes.includes(scheme));
  if (!backend) throw queueUrlUnsupported(url, queueBackends.flatMap((candidate) => candidate.schemes));
  return backend.open(url, options);
}
