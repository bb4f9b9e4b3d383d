// The contract of queue jobs on every backend: an id is enqueued once, leases go to the oldest eligible
// job and never to two workers at once, a worker's changes need its unexpired lease, failures back off
// and end in the dead letter, expired leases count, and parked jobs are settled or requeued once.
import { expect, it } from 'vitest';
import type { QueueJobRetryPolicy } from '../queue-job-records.js';
import { forEachBackend } from './contract-suite.js';

const policy: QueueJobRetryPolicy = { backoffMs: 100, maxExpiredLeases: 1, keptErrors: 2 };
const job = (id: string, createdAt: number, maxAttempts = 3) => ({ id, queue: 'pieces', payload: { topic: id, nested: [1, 'two'] }, maxAttempts, createdAt });

forEachBackend((context) => {
  it('enqueues an id once and leases the oldest eligible job to one worker', async () => {
    const { store } = context;
    const first = await store.queueJobs.add(job('b', 20));
    expect(first).toMatchObject({ id: 'b', state: 'queued', payload: { topic: 'b', nested: [1, 'two'] }, attempts: 0, checkpoints: {}, errors: [] });
    expect(await store.queueJobs.add({ ...job('b', 99), payload: 'other' })).toEqual(first);
    await store.queueJobs.add(job('a', 10));
    await store.queueJobs.add(job('c', 20));
    await store.queueJobs.add({ ...job('elsewhere', 1), queue: 'other' });
    const leased = await store.queueJobs.lease('pieces', 'w1', 1_000, 100, policy);
    expect(leased).toMatchObject({ id: 'a', state: 'running', leaseOwner: 'w1', leaseExpiresAt: 1_100 });
    expect((await store.queueJobs.lease('pieces', 'w2', 1_000, 100, policy))?.id).toBe('b');
    expect((await store.queueJobs.lease('pieces', 'w3', 1_000, 100, policy))?.id).toBe('c');
    expect(await store.queueJobs.lease('pieces', 'w4', 1_000, 100, policy)).toBeUndefined();
    expect(await store.queueJobs.counts('pieces')).toEqual([{ state: 'running', count: 3, oldestCreatedAt: 10 }]);
  });

  it('never leases one job to two workers leasing at the same moment', async () => {
    const others = await Promise.all([context.open(), context.open(), context.open()]);
    for (let index = 0; index < 12; index++) await context.store.queueJobs.add(job(`j${String(index).padStart(2, '0')}`, index));
    const leases = await Promise.all([context.store, ...others].flatMap((store, worker) => [0, 1, 2, 3].map(() => store.queueJobs.lease('pieces', `w${worker}`, 1_000, 100, policy))));
    const ids = leases.filter((leased) => leased !== undefined).map((leased) => leased!.id);
    expect(ids.length).toBe(12);
    expect(new Set(ids).size).toBe(12);
  });

  it("takes a worker's changes only while it holds an unexpired lease", async () => {
    const { store } = context;
    await store.queueJobs.add(job('a', 10));
    await store.queueJobs.lease('pieces', 'w1', 1_000, 100, policy);
    expect(await store.queueJobs.extend('a', 'w2', 1_000, 200)).toBe(false);
    expect(await store.queueJobs.extend('a', 'w1', 1_000, 200)).toBe(true);
    expect(await store.queueJobs.checkpoint('a', 'w1', 'research', { notes: ['x'] }, 300)).toBe(true);
    expect(await store.queueJobs.checkpoint('a', 'w1', 'draft', 'text', 300)).toBe(true);
    expect(await store.queueJobs.checkpoint('a', 'w1', 'draft', 'text v2', 300)).toBe(true);
    expect(await store.queueJobs.checkpoint('a', 'w1', 'late', 1, 1_300)).toBe(false);
    expect((await store.queueJobs.get('a'))?.checkpoints).toEqual({ research: { notes: ['x'] }, draft: 'text v2' });
    expect(await store.queueJobs.complete('a', 'w2', 'no', 400)).toBe(false);
    expect(await store.queueJobs.complete('a', 'w1', { published: true }, 400)).toBe(true);
    expect(await store.queueJobs.get('a')).toMatchObject({ state: 'done', result: { published: true }, finishedAt: 400 });
    expect((await store.queueJobs.get('a'))?.leaseOwner).toBeUndefined();
    expect(await store.queueJobs.release('a', 'w1', 500)).toBe(false);
  });

  it('backs a failed job off exponentially, keeps its last errors, and makes it dead on its last attempt', async () => {
    const { store } = context;
    await store.queueJobs.add(job('a', 10, 3));
    await store.queueJobs.lease('pieces', 'w1', 1_000, 100, policy);
    expect(await store.queueJobs.fail('a', 'w1', 'first', 200, policy)).toBe('queued');
    expect(await store.queueJobs.lease('pieces', 'w1', 1_000, 299, policy)).toBeUndefined();
    await store.queueJobs.lease('pieces', 'w1', 1_000, 300, policy);
    expect(await store.queueJobs.fail('a', 'w1', 'second', 400, policy)).toBe('queued');
    expect(await store.queueJobs.lease('pieces', 'w1', 1_000, 599, policy)).toBeUndefined();
    await store.queueJobs.lease('pieces', 'w1', 1_000, 600, policy);
    expect(await store.queueJobs.fail('a', 'w2', 'not mine', 700, policy)).toBeUndefined();
    expect(await store.queueJobs.fail('a', 'w1', 'third "quoted"', 700, policy)).toBe('dead');
    expect(await store.queueJobs.get('a')).toMatchObject({ state: 'dead', attempts: 3, errors: ['second', 'third "quoted"'], finishedAt: 700 });
  });

  it('takes back a job whose lease expired, and makes it dead once too many leases have', async () => {
    const { store } = context;
    await store.queueJobs.add(job('a', 10));
    expect((await store.queueJobs.lease('pieces', 'w1', 100, 10, policy))?.leaseExpiresAt).toBe(110);
    const taken = await store.queueJobs.lease('pieces', 'w2', 100, 150, policy);
    expect(taken).toMatchObject({ id: 'a', leaseOwner: 'w2', expiredLeases: 1 });
    expect(await store.queueJobs.complete('a', 'w1', null, 160)).toBe(false);
    expect(await store.queueJobs.lease('pieces', 'w3', 100, 300, policy)).toBeUndefined();
    expect(await store.queueJobs.get('a')).toMatchObject({ state: 'dead', expiredLeases: 2, errors: ['the lease of w2 expired, 2 leases have expired'], finishedAt: 300 });
  });

  it('parks a job for review, and settles or requeues it once', async () => {
    const { store } = context;
    for (const id of ['a', 'b']) await store.queueJobs.add(job(id, id === 'a' ? 10 : 20, 2));
    for (const worker of ['w1', 'w2']) await store.queueJobs.lease('pieces', worker, 1_000, 100, policy);
    await store.queueJobs.checkpoint('b', 'w2', 'research', 1, 110);
    await store.queueJobs.checkpoint('b', 'w2', 'draft', 2, 110);
    expect(await store.queueJobs.park('a', 'w1', 'low confidence', 120)).toBe(true);
    expect(await store.queueJobs.park('b', 'w2', 'check it', 120)).toBe(true);
    expect(await store.queueJobs.unpark('a', { requeue: false, result: { accepted: true }, note: 'fine', keptErrors: 2, now: 130 })).toBe(true);
    expect(await store.queueJobs.unpark('a', { requeue: true, keptErrors: 2, now: 131 })).toBe(false);
    expect(await store.queueJobs.get('a')).toMatchObject({ state: 'done', result: { accepted: true }, note: 'fine', finishedAt: 130 });
    expect(await store.queueJobs.unpark('b', { requeue: true, keepCheckpoints: ['research'], error: 'rejected: wrong', keptErrors: 2, now: 140 })).toBe(true);
    expect(await store.queueJobs.get('b')).toMatchObject({ state: 'queued', attempts: 1, checkpoints: { research: 1 }, errors: ['rejected: wrong'], note: 'check it' });
    expect((await store.queueJobs.get('b'))?.finishedAt).toBeUndefined();
    expect((await store.queueJobs.list('pieces', undefined, 10)).map((entry) => entry.id)).toEqual(['a', 'b']);
    expect((await store.queueJobs.list('pieces', 'queued', 10)).map((entry) => entry.id)).toEqual(['b']);
    expect(await store.queueJobs.counts('pieces')).toEqual([{ state: 'done', count: 1, oldestCreatedAt: 10 }, { state: 'queued', count: 1, oldestCreatedAt: 20 }]);
  });
});
