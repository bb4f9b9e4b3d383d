// The queue contract on Redis through BullMQ, against a real redis-server: each test gets keys of its
// own (a fresh prefix), so tests never see each other's jobs.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openBullmqQueue } from './bullmq-queue.js';
import { QueueError } from './errors.js';
import { redisTestUrl } from './redis-test-url.js';
import { describeQueueContract } from './test-support.js';

/** Short, so an expired lease is noticed within a test; BullMQ needs two checks to move a job back. */
const stalledCheckIntervalMs = 100;

describeQueueContract('Redis (BullMQ)', async (settings) => {
  const url = redisTestUrl();
  const prefix = `agentlab-test-${randomUUID().slice(0, 8)}`;
  return {
    connect: async () => openBullmqQueue(url, { prefix, stalledCheckIntervalMs, ...settings }),
    childOptions: { url, prefix, stalledCheckIntervalMs },
  };
});

describe('the Redis queue backend', () => {
  it('says which URL it cannot reach', async () => {
    const error = await openBullmqQueue('redis://:secret@127.0.0.1:1/0').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueueError);
    expect(error).toMatchObject({ code: 'AGENTLAB_QUEUE_UNREACHABLE' });
    expect((error as Error).message).toContain('redis://:***@127.0.0.1:1/0');
    expect((error as Error).message).not.toContain('secret');
  });
});
