// The heartbeat: it keeps a short lease held past its first expiry, and aborts its signal once an
// extension is refused. Polls with a bound; no assertion on time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keepLease, newWorkerId } from './lease-keeper.js';
import { openStoreQueue, type StoreQueue } from './store-queue.js';
import { eventually } from './test-support.js';

const folders: string[] = [];
const queues: StoreQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function openQueueInTempFolder(): Promise<StoreQueue> {
  const folder = mkdtempSync(join(tmpdir(), 'agentlab-lease-keeper-'));
  folders.push(folder);
  const queue = await openStoreQueue({ storeReference: join(folder, 'agentlab.db') });
  queues.push(queue);
  return queue;
}

describe('keepLease', () => {
  it('keeps a short lease held while the work goes on, so no other worker takes the job', async () => {
    const queue = await openQueueInTempFolder();
    const job = await queue.enqueue('topics', { topic: 'Enzymes' });
    const workerId = newWorkerId();
    const leased = await queue.lease('topics', workerId, 1_200);
    const keeper = keepLease(queue, job.id, workerId, 1_200);
    try {
      // Several lease lengths later the lease has been pushed forward more than once and is still ours.
      await eventually('the lease to be extended past two of its lengths', async () => {
        const current = await queue.get(job.id);
        return current!.leaseExpiresAt! > leased!.leaseExpiresAt! + 2_400;
      });
      expect(await queue.lease('topics', 'another-worker', 1_200)).toBeUndefined();
      expect(keeper.signal.aborted).toBe(false);
      expect(await queue.complete(job.id, workerId, 'done')).toBe(true);
    } finally {
      keeper.stop();
    }
  });

  it('aborts its signal when the lease is lost', async () => {
    const queue = await openQueueInTempFolder();
    const job = await queue.enqueue('topics', { topic: 'Enzymes' });
    await queue.lease('topics', 'worker-a', 60_000);
    const keeper = keepLease(queue, job.id, 'worker-a', 60_000, 20);
    expect(await queue.release(job.id, 'worker-a')).toBe(true);
    await eventually('the signal to abort', async () => keeper.signal.aborted);
    expect(String((keeper.signal.reason as Error).message)).toContain('was lost');
  });

  it('makes worker ids that differ per call', () => {
    expect(newWorkerId()).not.toBe(newWorkerId());
    expect(newWorkerId()).toContain(`:${process.pid}:`);
  });
});
