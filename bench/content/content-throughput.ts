// The content pipeline's throughput: `runContentWorkers` with four workers draining a sample of the
// golden topics from the queue, every model on the simulator at its realistic latency (with its
// transport faults, which the workers retry), the seed's default worker models. Each run of a piece is
// a row of content_runs (its start, end and cost per worker), so the figures come from the store:
// pieces per hour are four busy workers' rate, 4 × the pieces finished over the workers' busy time
// (failed runs' time included), which the drain's own rate (the sample over its wall time, idle tail
// included) bounds from below; the cost per piece is every run's cost over the pieces finished. A
// piece whose run fails is not retried here (one attempt), so a deterministic gate failure costs one
// run, not three, and the drain stays within a minute. Both queue backends drain the same sample at
// the same time, each with its own store and workers; Redis is left out, with a note, when no
// redis-server can be had. One sample per backend: --runs is not used.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CONTENT_QUEUE, contentSettings, contentWorkers, pieceIdOf, readTopic, runContentWorkers, type WorkersSummary } from '../../content/index.js';
import { ModelProvider } from '../../models/index.js';
import { openBullmqQueue, StoreQueue, type JobQueue } from '../../queue/index.js';
import { openStoreBackend, type ContentRunRecord, type StoreBackend } from '../../store/index.js';
import type { Benchmark, Figure } from '../harness/index.js';
import { redisForBench, type BenchRedis } from '../queue/redis-for-bench.js';
import { COST_PER_PIECE_TARGET_USD, LATENCY, PIECES_PER_HOUR_TARGET, SAMPLE_EVERY, SEED_DOLLARS_PER_DAY, SEED_PIECES_PER_DAY, TOPICS_DATASET, WORKERS } from './constants.js';

interface Drain {
  backend: string;
  topics: number;
  wallMs: number;
  summary: WorkersSummary;
  runs: ContentRunRecord[];
}

function sampleTopics(): string[] {
  const goals = readFileSync(TOPICS_DATASET, 'utf8')
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => (JSON.parse(line) as { goal: string }).goal);
  return goals.filter((_goal, index) => index % SAMPLE_EVERY === 0).map((goal) => readTopic(goal).topic);
}

/** Enqueues the topics on a fresh store (and queue) and lets the workers drain them. */
async function drain(backend: string, openQueue: (store: StoreBackend) => Promise<JobQueue>, directory: string, provider: ModelProvider, topics: readonly string[]): Promise<Drain> {
  const store = await openStoreBackend(path.join(directory, 'agentlab.db'));
  let queue: JobQueue | undefined;
  try {
    queue = await openQueue(store);
    for (const topic of topics) await queue.enqueue(CONTENT_QUEUE, { topic }, { id: pieceIdOf(topic), maxAttempts: 1 });
    const started = performance.now();
    const summary = await runContentWorkers({ queue, store, provider, settings: contentSettings(), workers: WORKERS, outputDirectory: path.join(directory, 'lessons'), untilEmpty: true, seed: 1 });
    return { backend, topics: topics.length, wallMs: performance.now() - started, summary, runs: await store.contentRuns.list() };
  } finally {
    await queue?.close();
    await store.close();
  }
}

/** Pieces that came out of the pipeline: published (or ready), and parked for a person's review. */
function finished(runs: readonly ContentRunRecord[]): number {
  return runs.filter((run) => run.status !== 'failed').length;
}

function figures(result: Drain): Figure[] {
  const pieces = finished(result.runs);
  const busyMs = result.runs.reduce((total, run) => total + (run.finishedAt - run.startedAt), 0);
  const perHour = (WORKERS * pieces * 3_600_000) / busyMs;
  const drainPerHour = (pieces * 3_600_000) / result.wallMs;
  const cost = result.runs.reduce((total, run) => total + run.costUsd, 0);
  const costPerPiece = cost / pieces;
  const byWorker = ['supervisor', ...contentWorkers].map((worker) => {
    const share = result.runs.reduce((total, run) => total + (run.workers[worker]?.costUsd ?? 0), 0) / cost;
    return `${worker} ${(share * 100).toFixed(0)}%`;
  });
  const counts = new Map<string, number>();
  for (const run of result.runs) counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
  const statuses = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
  const sample = `${result.topics} golden topics (${statuses}), ${WORKERS} workers, sim ${LATENCY} latency`;
  return [
    {
      name: `content pieces per hour, ${result.backend}`,
      value: perHour,
      unit: 'pieces/h',
      target: { comparison: '>=', value: PIECES_PER_HOUR_TARGET },
      detail: `${sample}: ${pieces} pieces in ${(busyMs / 1000).toFixed(0)} s of worker time (${(busyMs / result.runs.length / 1000).toFixed(1)} s a run), ${(perHour * 24).toFixed(0)} a day against the seed's ${SEED_PIECES_PER_DAY}–400; the drain itself: ${(result.wallMs / 1000).toFixed(1)} s, ${drainPerHour.toFixed(0)} an hour`,
    },
    {
      name: `content cost per piece, ${result.backend}`,
      value: costPerPiece,
      unit: 'USD',
      target: { comparison: '<=', value: COST_PER_PIECE_TARGET_USD },
      detail: `${sample}, the seed's default worker models: $${cost.toFixed(3)} for ${pieces} pieces (${byWorker.join(', ')}); $${(costPerPiece * SEED_PIECES_PER_DAY).toFixed(2)} for ${SEED_PIECES_PER_DAY} a day against the seed's $${SEED_DOLLARS_PER_DAY}`,
    },
  ];
}

export const contentThroughput: Benchmark = {
  name: 'content',
  description: 'the content pipeline with 4 workers on the queue at the simulator’s realistic latency: pieces per hour and cost per piece against the seed’s 200 a day at $25',
  async run(context) {
    const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-bench-content-'));
    const provider = new ModelProvider({ latency: LATENCY });
    const topics = sampleTopics();
    let redis: BenchRedis | undefined;
    try {
      try {
        redis = redisForBench();
      } catch (error) {
        context.log(`content: Redis left out (${error instanceof Error ? error.message : String(error)})`);
      }
      const side = (name: string) => mkdtempSync(path.join(directory, `${name}-`));
      const drains = [drain('SQLite store', async (store) => new StoreQueue({ store }), side('store'), provider, topics)];
      const redisUrl = redis?.url;
      if (redisUrl) drains.push(drain('Redis (BullMQ)', () => openBullmqQueue(redisUrl, { prefix: `agentlab-bench-content-${process.pid}-${Date.now()}` }), side('redis'), provider, topics));
      context.log(`content: ${topics.length} topics through ${drains.length} backend(s) at once, ${WORKERS} workers each, sim latency ${LATENCY}`);
      // Both drains end before anything is closed, even when one of them failed.
      const settled = await Promise.allSettled(drains);
      const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      const results = settled.map((outcome) => (outcome as PromiseFulfilledResult<Drain>).value);
      for (const result of results) if (finished(result.runs) === 0) throw new Error(`no piece finished on the ${result.backend}: ${JSON.stringify(result.summary.outcomes)}`);
      return results.flatMap(figures);
    } finally {
      await provider.close();
      redis?.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  },
};
