// The job queue's own cost per job, on each backend: enqueue, then lease and complete, one job at a
// time by one worker, as a content worker does around each piece (heartbeats and checkpoints aside).
// Store: a fresh SQLite file in a temp folder. Redis: BullMQ on a local redis-server. The backends
// alternate run by run, so the machine's load falls on both. Target: at most 10 ms per job on each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openBullmqQueue, openStoreQueue } from '../../queue/index.js';
import type { JobQueue } from '../../queue/index.js';
import { median, type Benchmark, type Figure } from '../harness/index.js';
import { JOBS_PER_RUN, LEASE_MS, OVERHEAD_TARGET_MS, WARM_UP_JOBS } from './constants.js';
import { redisForBench } from './redis-for-bench.js';

/** Milliseconds for `jobs` jobs through enqueue + lease + complete; every step is checked. */
async function putThrough(queue: JobQueue, queueName: string, jobs: number): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < jobs; index++) await queue.enqueue(queueName, { topic: `topic ${index}` });
  for (let index = 0; index < jobs; index++) {
    const job = await queue.lease(queueName, 'bench-worker', LEASE_MS);
    if (!job) throw new Error(`lease ${index + 1} of ${jobs} found no job`);
    if (!(await queue.complete(job.id, 'bench-worker', { ok: true }))) throw new Error(`completing job ${job.id} was refused`);
  }
  const elapsed = performance.now() - started;
  if (await queue.lease(queueName, 'bench-worker', LEASE_MS)) throw new Error('a job was left over after the run');
  return elapsed;
}

function figures(backend: string, runMs: number[], runs: number): Figure[] {
  const perJob = median(runMs) / JOBS_PER_RUN;
  return [
    {
      name: `queue overhead per job, ${backend}`,
      value: perJob,
      unit: 'ms',
      target: { comparison: '<=', value: OVERHEAD_TARGET_MS },
      detail: `median over ${runs} runs of ${JOBS_PER_RUN} jobs each enqueued, then leased and completed one at a time by one worker`,
    },
    {
      name: `queue throughput, ${backend}`,
      value: 1000 / perJob,
      unit: 'jobs/s',
      target: null,
      detail: `one worker, one job at a time (three queue operations per job): ${((3 * 1000) / perJob).toFixed(0)} operations/s`,
    },
  ];
}

export const queueOverhead: Benchmark = {
  name: 'queue',
  description: 'the job queue per job (enqueue + lease + complete): the SQLite store against Redis through BullMQ',
  async run(context) {
    const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-bench-queue-'));
    const redis = redisForBench();
    const store = await openStoreQueue({ storeReference: path.join(directory, 'agentlab.db') });
    let bullmq: JobQueue | undefined;
    try {
      bullmq = await openBullmqQueue(redis.url, { prefix: `agentlab-bench-${process.pid}-${Date.now()}` });
      await putThrough(store, 'warm-up', WARM_UP_JOBS);
      await putThrough(bullmq, 'warm-up', WARM_UP_JOBS);
      const storeMs: number[] = [];
      const redisMs: number[] = [];
      for (let run = 1; run <= context.runs; run++) {
        context.log(`queue: ${run}/${context.runs}`);
        storeMs.push(await putThrough(store, `run-${run}`, JOBS_PER_RUN));
        redisMs.push(await putThrough(bullmq, `run-${run}`, JOBS_PER_RUN));
      }
      return [...figures('SQLite store', storeMs, context.runs), ...figures('Redis (BullMQ)', redisMs, context.runs)];
    } finally {
      await store.close();
      await bullmq?.close();
      redis.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  },
};
