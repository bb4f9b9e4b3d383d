// Choosing a backend by URL: none is the store queue (in the store AGENTLAB_STORE_URL names, SQLite or
// PostgreSQL), redis:// and rediss:// are BullMQ, and AGENTLAB_QUEUE_URL is read when no URL is given.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../store/test-fixtures.js';
import { openStoreBackend } from '../store/index.js';
import { BullmqQueue } from './bullmq-queue.js';
import { QueueError } from './errors.js';
import { openQueue } from './open-queue.js';
import { redisTestUrl } from './redis-test-url.js';
import { StoreQueue } from './store-queue.js';

const folders: string[] = [];
const saved = { AGENTLAB_QUEUE_URL: process.env.AGENTLAB_QUEUE_URL, AGENTLAB_STORE_URL: process.env.AGENTLAB_STORE_URL };
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function storePath(): string {
  const folder = mkdtempSync(join(tmpdir(), 'agentlab-open-queue-'));
  folders.push(folder);
  return join(folder, 'agentlab.db');
}

describe('openQueue', () => {
  it('opens the queue in the store when no URL is set, and keeps its jobs in the file', async () => {
    delete process.env.AGENTLAB_QUEUE_URL;
    const path = storePath();
    const queue = await openQueue({ storeReference: path });
    expect(queue).toBeInstanceOf(StoreQueue);
    const job = await queue.enqueue('topics', { topic: 'Osmosis' });
    await queue.close();
    const reopened = await openQueue({ storeReference: path });
    expect((await reopened.get(job.id))?.payload).toEqual({ topic: 'Osmosis' });
    await reopened.close();
  });

  it('opens the queue in the PostgreSQL store AGENTLAB_STORE_URL names when no queue URL is set', async () => {
    delete process.env.AGENTLAB_QUEUE_URL;
    const database = await createTestDatabase('agentlab_open_queue');
    try {
      process.env.AGENTLAB_STORE_URL = database.url;
      const queue = await openQueue();
      expect(queue).toBeInstanceOf(StoreQueue);
      expect(queue.description).toMatch(/^store postgres:\/\//);
      const job = await queue.enqueue('topics', { topic: 'Osmosis' });
      await queue.close();
      const store = await openStoreBackend(database.url);
      try {
        expect((await store.queueJobs.get(job.id))?.payload).toEqual({ topic: 'Osmosis' });
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('opens BullMQ on Redis for a redis:// URL, from AGENTLAB_QUEUE_URL too', async () => {
    process.env.AGENTLAB_QUEUE_URL = redisTestUrl();
    const queue = await openQueue({ prefix: 'agentlab-test-open' });
    expect(queue).toBeInstanceOf(BullmqQueue);
    expect(queue.description).toBe(new URL(redisTestUrl()).toString());
    await queue.close();
  });

  it('refuses a URL no backend knows, naming the ones it does', async () => {
    const error = await openQueue({ url: 'amqp://localhost/queue' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueueError);
    expect(error).toMatchObject({ code: 'AGENTLAB_QUEUE_URL_UNSUPPORTED' });
    expect((error as Error).message).toContain('redis://');
  });

  it('refuses a stage name that is not a plain name, a worker id of "0", a numeric id and what JSON cannot hold', async () => {
    const queue = await openQueue({ url: '', storeReference: storePath() });
    const job = await queue.enqueue('topics', {});
    await queue.lease('topics', 'worker', 60_000);
    await expect(queue.checkpoint(job.id, 'worker', 'a"b', 1)).rejects.toMatchObject({ code: 'AGENTLAB_QUEUE_INPUT_INVALID' });
    await expect(queue.lease('topics', '0', 60_000)).rejects.toMatchObject({ code: 'AGENTLAB_QUEUE_INPUT_INVALID' });
    await expect(queue.enqueue('topics', {}, { id: '42' })).rejects.toMatchObject({ code: 'AGENTLAB_QUEUE_INPUT_INVALID' });
    await expect(queue.enqueue('topics', { count: 1n })).rejects.toMatchObject({ code: 'AGENTLAB_QUEUE_INPUT_INVALID' });
    await expect(queue.checkpoint(job.id, 'worker', 'research', undefined)).rejects.toMatchObject({ code: 'AGENTLAB_QUEUE_INPUT_INVALID' });
    expect((await queue.list('topics')).map((entry) => entry.checkpoints)).toEqual([{}]);
    await queue.close();
  });
});
