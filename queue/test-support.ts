// The queue contract as one suite, run against each backend (store-queue.test.ts on SQLite and
// PostgreSQL, bullmq-queue.test.ts on Redis): a backend under test gives connections that share one
// queue (one SQLite file, one PostgreSQL database, one Redis prefix)
// and the arguments a child process needs to open it too, for the kill -9 test.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobQueue, QueueJob } from './job-queue.js';

export interface BackendUnderTest {
  /** Another connection to the same queue storage. */
  connect(): Promise<JobQueue>;
  /** How the child process opens the same storage: passed to openQueue (url for Redis, storeReference for the store). */
  childOptions: { url?: string; storeReference?: string; prefix?: string; stalledCheckIntervalMs?: number };
}

export interface BackendSettings {
  backoffMs: number;
  maxExpiredLeases: number;
}

/** A short lease, so expiry is seen in a test, yet long enough for a busy machine between two calls; never asserted as a time. */
const shortLeaseMs = 1_000;
const longLeaseMs = 60_000;
const waitLimitMs = 15_000;

/** Polls `attempt` until it gives a value, failing after `limitMs` (waitLimitMs by default: a bound, not a timing assertion). */
export async function eventually<Value>(what: string, attempt: () => Promise<Value | undefined | false>, limitMs = waitLimitMs): Promise<Value> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what} after ${limitMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const childScript = fileURLToPath(new URL('./fixtures/lease-checkpoint-and-hang.ts', import.meta.url));
const drainingScript = fileURLToPath(new URL('./fixtures/lease-until-empty.ts', import.meta.url));

/** Starts a child worker that, once told to go, leases and completes jobs of `queue` until none is left. */
function drainingChild(options: BackendUnderTest['childOptions'], queue: string, workerId: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', drainingScript, JSON.stringify({ ...options, queue, workerId })], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => output.startsWith('ready\n') && resolve());
    void exited.then((code) => reject(new Error(`Child worker ${workerId} exited with ${code} before it was ready: ${errors}`)));
  });
  const completed = async (): Promise<string[]> => {
    const code = await exited;
    if (code !== 0) throw new Error(`Child worker ${workerId} exited with ${code}: ${errors}`);
    return JSON.parse(output.slice('ready\n'.length)) as string[];
  };
  return { ready, go: () => child.stdin.end('go\n'), completed };
}

/** Starts a child worker that leases a job of `queue`, checkpoints `stage`, says so, and hangs until killed. */
function startDoomedWorker(options: BackendUnderTest['childOptions'], queue: string, workerId: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, JSON.stringify({ ...options, queue, workerId, leaseMs: shortLeaseMs * 2 })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const checkpointed = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const line = /checkpointed (\S+)/.exec(output);
      if (line) resolve(line[1]!);
    });
    child.on('exit', (code, signal) => reject(new Error(`The child worker exited (${code ?? signal}) before checkpointing: ${output}${errors}`)));
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  return { child, checkpointed, exited };
}

export function describeQueueContract(name: string, makeBackend: (settings: BackendSettings) => Promise<BackendUnderTest>): void {
  describe(`the job queue contract on ${name}`, () => {
    const opened: JobQueue[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((queue) => queue.close()));
    });

    async function setUp(settings: Partial<BackendSettings> = {}) {
      const backend = await makeBackend({ backoffMs: 10, maxExpiredLeases: 3, ...settings });
      const connect = async () => {
        const queue = await backend.connect();
        opened.push(queue);
        return queue;
      };
      return { backend, connect, queue: await connect() };
    }

    it('leases the oldest queued job first, each job to one worker, then none', async () => {
      const { queue } = await setUp();
      for (const topic of ['first', 'second', 'third']) await queue.enqueue('topics', { topic });
      await queue.enqueue('other-queue', { topic: 'elsewhere' });
      const leased: QueueJob[] = [];
      for (let index = 0; index < 3; index += 1) leased.push((await queue.lease('topics', `worker-${index}`, longLeaseMs))!);
      expect(leased.map((job) => job.payload)).toEqual([{ topic: 'first' }, { topic: 'second' }, { topic: 'third' }]);
      expect(leased.map((job) => [job.state, job.leaseOwner])).toEqual([
        ['running', 'worker-0'],
        ['running', 'worker-1'],
        ['running', 'worker-2'],
      ]);
      expect(await queue.lease('topics', 'worker-3', longLeaseMs)).toBeUndefined();
      expect((await queue.get(leased[0]!.id))?.leaseOwner).toBe('worker-0');
    });

    it('never gives one job to two workers on two connections leasing at once', async () => {
      const { connect, queue } = await setUp();
      const other = await connect();
      for (let index = 0; index < 20; index += 1) await queue.enqueue('topics', { index });
      const attempts = Array.from({ length: 30 }, (_, index) => (index % 2 === 0 ? queue : other).lease('topics', `worker-${index}`, longLeaseMs));
      const leased = (await Promise.all(attempts)).filter((job): job is QueueJob => job !== undefined);
      expect(leased).toHaveLength(20);
      expect(new Set(leased.map((job) => job.id)).size).toBe(20);
    });

    it('never gives one job to two of several worker processes draining one queue', async () => {
      const { backend, queue } = await setUp();
      const ids: string[] = [];
      for (let index = 0; index < 300; index += 1) ids.push((await queue.enqueue('topics', { index })).id);
      const workers = [1, 2, 3].map((worker) => drainingChild(backend.childOptions, 'topics', `process-${worker}`));
      await Promise.all(workers.map((worker) => worker.ready));
      for (const worker of workers) worker.go();
      const all = (await Promise.all(workers.map((worker) => worker.completed()))).flat();
      expect(all).toHaveLength(300);
      expect(new Set(all)).toEqual(new Set(ids));
      expect((await queue.counts('topics')).done.count).toBe(300);
    });

    it('enqueues an id given twice once, keeping the first payload', async () => {
      const { queue } = await setUp();
      const first = await queue.enqueue('topics', { topic: 'Photosynthesis' }, { id: 'topic-photosynthesis' });
      const again = await queue.enqueue('topics', { topic: 'changed' }, { id: 'topic-photosynthesis' });
      expect(again.id).toBe('topic-photosynthesis');
      expect(again.payload).toEqual({ topic: 'Photosynthesis' });
      expect(again.createdAt).toBe(first.createdAt);
      expect(await queue.list('topics')).toHaveLength(1);
    });

    it('hands a job whose lease expired to another worker, and refuses the old worker from then on', async () => {
      const { queue } = await setUp();
      const job = await queue.enqueue('topics', { topic: 'Cells' });
      await queue.lease('topics', 'worker-a', shortLeaseMs);
      expect(await queue.lease('topics', 'worker-b', longLeaseMs)).toBeUndefined();
      expect(await queue.checkpoint(job.id, 'worker-a', 'research', { sources: 3 })).toBe(true);

      const takenOver = await eventually('the expired lease to be taken over', () => queue.lease('topics', 'worker-b', longLeaseMs));
      expect(takenOver.id).toBe(job.id);
      expect(takenOver.leaseOwner).toBe('worker-b');
      expect(takenOver.expiredLeases).toBe(1);
      expect(takenOver.checkpoints).toEqual({ research: { sources: 3 } });

      expect(await queue.extend(job.id, 'worker-a', longLeaseMs)).toBe(false);
      expect(await queue.checkpoint(job.id, 'worker-a', 'write', 'stale draft')).toBe(false);
      expect(await queue.complete(job.id, 'worker-a', 'stale result')).toBe(false);
      expect(await queue.fail(job.id, 'worker-a', 'stale failure')).toBe(false);
      expect(await queue.release(job.id, 'worker-a')).toBe(false);
      expect(await queue.park(job.id, 'worker-a', 'stale')).toBe(false);

      expect(await queue.extend(job.id, 'worker-b', longLeaseMs)).toBe(true);
      expect(await queue.checkpoint(job.id, 'worker-b', 'write', 'draft')).toBe(true);
      expect(await queue.complete(job.id, 'worker-b', { published: true })).toBe(true);
      const done = await queue.get(job.id);
      expect(done).toMatchObject({ state: 'done', result: { published: true }, checkpoints: { research: { sources: 3 }, write: 'draft' } });
      expect(done?.leaseOwner).toBeUndefined();
      expect(await queue.complete(job.id, 'worker-b', 'twice')).toBe(false);
    });

    it('refuses a worker that lost its lease before anyone took the job over', async () => {
      const { queue } = await setUp();
      const job = await queue.enqueue('topics', { topic: 'Mitosis' });
      await queue.lease('topics', 'worker-a', shortLeaseMs);
      await eventually('the lease to expire', async () => !(await queue.checkpoint(job.id, 'worker-a', 'probe', 1)));
      expect(await queue.complete(job.id, 'worker-a', 'late')).toBe(false);
      expect((await queue.get(job.id))?.state).not.toBe('done');
    });

    it('makes a job dead when its lease expires once more than allowed', async () => {
      const { queue } = await setUp({ maxExpiredLeases: 1 });
      const job = await queue.enqueue('topics', { topic: 'Poison' });
      await queue.lease('topics', 'worker-a', shortLeaseMs);
      await eventually('the first takeover', () => queue.lease('topics', 'worker-b', shortLeaseMs));
      const dead = await eventually('the job to be dead', async () => {
        await queue.lease('topics', 'worker-c', shortLeaseMs);
        const current = await queue.get(job.id);
        return current?.state === 'dead' ? current : undefined;
      });
      expect(dead.errors.at(-1)).toMatch(/lease.*expired/);
      expect(await queue.complete(job.id, 'worker-b', 'too late')).toBe(false);
    });

    it('retries a failed job after its backoff, then keeps it dead with its errors once the budget is spent', async () => {
      const { queue } = await setUp();
      const job = await queue.enqueue('topics', { topic: 'Flaky' }, { maxAttempts: 2 });
      await queue.lease('topics', 'worker-a', longLeaseMs);
      expect(await queue.fail(job.id, 'worker-a', 'model timed out')).toBe('retry');
      expect(await queue.get(job.id)).toMatchObject({ state: 'queued', attempts: 1, errors: ['model timed out'] });

      const again = await eventually('the retry to be leased', () => queue.lease('topics', 'worker-b', longLeaseMs));
      expect(again.id).toBe(job.id);
      expect(await queue.fail(job.id, 'worker-b', 'model timed out again')).toBe('dead');
      const dead = await queue.get(job.id);
      expect(dead).toMatchObject({ state: 'dead', attempts: 2, maxAttempts: 2, errors: ['model timed out', 'model timed out again'] });
      expect(dead?.finishedAt).toBeDefined();
      expect(await queue.lease('topics', 'worker-c', longLeaseMs)).toBeUndefined();
      expect((await queue.counts('topics')).dead.count).toBe(1);
      expect((await queue.list('topics', { state: 'dead' })).map((entry) => entry.id)).toEqual([job.id]);
    });

    it('releases a job back to the queue without counting an attempt', async () => {
      const { queue } = await setUp();
      const job = await queue.enqueue('topics', { topic: 'Stopping' }, { maxAttempts: 1 });
      await queue.lease('topics', 'worker-a', longLeaseMs);
      expect(await queue.release(job.id, 'worker-other')).toBe(false);
      expect(await queue.release(job.id, 'worker-a')).toBe(true);
      expect(await queue.get(job.id)).toMatchObject({ state: 'queued', attempts: 0 });
      const again = await queue.lease('topics', 'worker-b', longLeaseMs);
      expect(again?.id).toBe(job.id);
      expect(again?.attempts).toBe(0);
    });

    it('parks a job for review without a lease, and a reviewer requeues it to be finished or settles it', async () => {
      const { queue } = await setUp();
      const requeued = await queue.enqueue('topics', { topic: 'Low confidence' });
      const settled = await queue.enqueue('topics', { topic: 'Rejected' });
      await queue.lease('topics', 'worker-a', longLeaseMs);
      await queue.lease('topics', 'worker-a', longLeaseMs);
      expect(await queue.checkpoint(requeued.id, 'worker-a', 'fact_check', { confidence: 0.7 })).toBe(true);
      expect(await queue.park(requeued.id, 'worker-a', 'confidence 0.70 below 0.85')).toBe(true);
      expect(await queue.park(settled.id, 'worker-a', 'confidence 0.40 below 0.85')).toBe(true);

      const parked = await queue.get(requeued.id);
      expect(parked).toMatchObject({ state: 'in_review', note: 'confidence 0.70 below 0.85', attempts: 0 });
      expect(parked?.leaseOwner).toBeUndefined();
      expect(await queue.complete(requeued.id, 'worker-a', 'not now')).toBe(false);
      expect(await queue.lease('topics', 'worker-b', longLeaseMs)).toBeUndefined();
      expect((await queue.counts('topics')).in_review.count).toBe(2);
      expect((await queue.list('topics', { state: 'in_review' })).map((job) => job.id)).toEqual([requeued.id, settled.id]);

      expect(await queue.unpark(requeued.id, { requeue: true, note: 'approved by ana' })).toBe(true);
      expect(await queue.unpark(requeued.id, { requeue: false })).toBe(false);
      const resumed = await queue.lease('topics', 'worker-b', longLeaseMs);
      expect(resumed).toMatchObject({ id: requeued.id, note: 'approved by ana', checkpoints: { fact_check: { confidence: 0.7 } } });
      expect(await queue.complete(requeued.id, 'worker-b', 'published')).toBe(true);

      expect(await queue.unpark(settled.id, { requeue: false, result: { rejected: true } })).toBe(true);
      expect(await queue.get(settled.id)).toMatchObject({ state: 'done', result: { rejected: true } });
      expect(await queue.unpark(settled.id, { requeue: true })).toBe(false);
      expect((await queue.counts('topics')).in_review.count).toBe(0);
    });

    it('requeues a returned job with only the checkpoints kept, counting the return as an attempt until the job is dead', async () => {
      const { connect, queue } = await setUp();
      const other = await connect();
      const job = await queue.enqueue('topics', { topic: 'Returned' }, { maxAttempts: 2 });
      const park = async (workerId: string) => {
        const leased = await eventually('the returned job to be leased', () => queue.lease('topics', workerId, longLeaseMs));
        expect(leased.id).toBe(job.id);
        for (const stage of ['research', 'write', 'format']) expect(await queue.checkpoint(job.id, workerId, stage, { stage, by: workerId })).toBe(true);
        expect(await queue.park(job.id, workerId, 'confidence 0.70 below 0.85')).toBe(true);
      };
      await park('worker-a');

      // Two settlers at once: one decision wins.
      const decisions = await Promise.all([queue, other].map((connection) => connection.unpark(job.id, { requeue: true, keepCheckpoints: ['research'], error: 'rejected by ana', note: 'returned by ana' })));
      expect(decisions.filter(Boolean)).toHaveLength(1);
      const returned = await queue.get(job.id);
      expect(returned).toMatchObject({ state: 'queued', attempts: 1, note: 'returned by ana', errors: ['rejected by ana'], checkpoints: { research: { stage: 'research', by: 'worker-a' } } });
      expect(Object.keys(returned!.checkpoints)).toEqual(['research']);

      await park('worker-b');
      expect(await queue.unpark(job.id, { requeue: true, keepCheckpoints: [], error: 'rejected again' })).toBe(true);
      const dead = await queue.get(job.id);
      expect(dead).toMatchObject({ state: 'dead', attempts: 2, errors: ['rejected by ana', 'rejected again'] });
      expect(dead?.finishedAt).toBeDefined();
      expect(await queue.lease('topics', 'worker-c', longLeaseMs)).toBeUndefined();
      expect(await queue.unpark(job.id, { requeue: true })).toBe(false);
      const counts = await queue.counts('topics');
      expect([counts.dead.count, counts.done.count, counts.in_review.count]).toEqual([1, 0, 0]);
    });

    it('counts jobs per state with the age of the oldest', async () => {
      const { queue } = await setUp();
      const empty = await queue.counts('topics');
      expect(empty.queued).toEqual({ count: 0 });
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        ids.push((await queue.enqueue('topics', { index }, { maxAttempts: 1 })).id);
        // Apart by a few ms, so the states' oldest ages differ and their order shows.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await queue.lease('topics', 'worker', longLeaseMs);
      await queue.complete(ids[0]!, 'worker', 'ok');
      await queue.lease('topics', 'worker', longLeaseMs);
      await queue.fail(ids[1]!, 'worker', 'broken');
      await queue.lease('topics', 'worker', longLeaseMs);
      await queue.park(ids[2]!, 'worker', 'check me');
      await queue.lease('topics', 'worker', longLeaseMs);
      const counts = await queue.counts('topics');
      expect(Object.fromEntries(Object.entries(counts).map(([state, entry]) => [state, entry.count]))).toEqual({ queued: 1, running: 1, done: 1, dead: 1, in_review: 1 });
      for (const entry of Object.values(counts)) expect(entry.oldestAgeMs).toBeGreaterThanOrEqual(0);
      // Enqueued in the order done, dead, in_review, running, queued: each state's oldest is no younger than the next's.
      const ages = (['done', 'dead', 'in_review', 'running', 'queued'] as const).map((state) => counts[state].oldestAgeMs!);
      expect(ages).toEqual([...ages].sort((left, right) => right - left));
      expect(ages[0]).toBeGreaterThan(ages[4]!);
      expect((await queue.list('topics')).map((job) => job.state)).toEqual(['done', 'dead', 'in_review', 'running', 'queued']);
      expect(await queue.list('topics', { limit: 2 })).toHaveLength(2);
    });

    it('finishes the job of a worker killed with SIGKILL exactly once, from its checkpoint', async () => {
      const { backend, queue } = await setUp();
      const job = await queue.enqueue('topics', { topic: 'Photosynthesis for AP Biology' });
      const doomed = startDoomedWorker(backend.childOptions, 'topics', 'doomed-worker');
      try {
        expect(await doomed.checkpointed).toBe(job.id);
      } finally {
        doomed.child.kill('SIGKILL');
      }
      expect(await doomed.exited).toBe('SIGKILL');

      const stolen = await eventually('the dead worker’s job to be leased', () => queue.lease('topics', 'survivor', longLeaseMs));
      expect(stolen.id).toBe(job.id);
      expect(stolen.checkpoints).toEqual({ research: { by: 'doomed-worker' } });
      // The survivor skips the stage already checkpointed and does the rest.
      expect(await queue.checkpoint(job.id, 'survivor', 'publish', { by: 'survivor' })).toBe(true);
      expect(await queue.complete(job.id, 'survivor', { published: 1 })).toBe(true);
      expect(await queue.complete(job.id, 'survivor', { published: 2 })).toBe(false);
      expect(await queue.complete(job.id, 'doomed-worker', { published: 3 })).toBe(false);
      const done = await queue.get(job.id);
      expect(done).toMatchObject({ state: 'done', result: { published: 1 }, expiredLeases: 1 });
      expect(await queue.lease('topics', 'another', longLeaseMs)).toBeUndefined();
      expect((await queue.counts('topics')).done.count).toBe(1);
    });
  });
}
