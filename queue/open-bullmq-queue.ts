// Opens the BullMQ backend, loading bullmq and ioredis (about 300 modules, a third of a second of
// start-up) only when a Redis queue is used: every other command, an eval among them, never loads them.
import type { BullmqQueue, BullmqQueueOptions } from './bullmq-queue.js';

export async function openBullmqQueue(url: string, options: BullmqQueueOptions = {}): Promise<BullmqQueue> {
  const { openBullmqQueue: open } = await import('./bullmq-queue.js');
  return open(url, options);
}
