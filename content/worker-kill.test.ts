// kill -9 of a worker mid-piece: `agentlab content work` (a child process, the simulator slow enough
// that a piece takes seconds) is killed with SIGKILL once the piece has a checkpoint; a second worker
// takes the job after its lease expires, skips the checkpointed stages, and the lesson is published
// exactly once. On the store queue and on Redis (AGENTLAB_TEST_REDIS_URL, never skipped).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelProvider } from '../models/index.js';
import { openBullmqQueue, StoreQueue, type JobQueue } from '../queue/index.js';
import { eventually } from '../queue/test-support.js';
import { redisTestUrl } from '../queue/redis-test-url.js';
import { openStoreBackend } from '../store/index.js';
import { CONTENT_QUEUE, contentSettings, runContentWorkers, type PieceEvent } from './index.js';

const cli = fileURLToPath(new URL('../cli/agentlab.ts', import.meta.url));
// By its path: the child runs in a temp folder, where `--import tsx` would not be found.
const tsxLoader = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
// Long enough for the child's heartbeats (a third of it) on a loaded machine: at 1.5 s a late beat let
// the child lose its own lease and take the job over again before the kill (expiredLeases 2).
const leaseMs = 6_000;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Redis database of its own (the CLI uses the default key prefix), emptied first. */
async function redisDatabaseUrl(): Promise<string> {
  const url = new URL(redisTestUrl());
  url.pathname = '/9';
  const redis = new Redis(url.toString());
  await redis.flushdb();
  await redis.quit();
  return url.toString();
}

async function killMidPieceAndTakeOver(queueUrl: string | undefined): Promise<void> {
  const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-content-kill-'));
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  const storePath = path.join(directory, 'agentlab.db');
  const output = path.join(directory, 'lessons');
  const store = await openStoreBackend(storePath);
  cleanups.push(() => store.close());
  const queue: JobQueue = queueUrl ? await openBullmqQueue(queueUrl, { stalledCheckIntervalMs: 100 }) : new StoreQueue({ store });
  cleanups.push(() => queue.close());
  const job = await queue.enqueue(CONTENT_QUEUE, { topic: 'Mars' }, { id: 'mars' });

  // 300 ms per model call: the piece takes seconds, so the kill lands between its stages.
  const env = { ...process.env, AGENTLAB_QUEUE_URL: queueUrl ?? '' };
  const child = spawn(process.execPath, ['--import', tsxLoader, cli, 'content', 'work', '--store', storePath, '--output', output, '--lease-ms', String(leaseMs), '--latency', '300', '--seed', '1', '--until-empty'], { cwd: directory, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let childOutput = '';
  child.stdout.on('data', (chunk: Buffer) => (childOutput += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (childOutput += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  cleanups.push(() => void child.kill('SIGKILL'));

  const checkpointed = await eventually('the child to checkpoint a stage', async () => {
    if (child.exitCode !== null) throw new Error(`The child exited before checkpointing: ${childOutput}`);
    const current = await queue.get(job.id);
    return current && Object.keys(current.checkpoints).length > 0 ? current : undefined;
    // The child starts through tsx, which on a loaded machine can take most of this bound.
  }, 90_000);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const done = Object.keys((await queue.get(job.id))!.checkpoints);
  expect(done).toContain('research');
  expect(done).not.toContain('publish');
  expect(checkpointed.state).toBe('running');

  // The survivor: a worker of this process, taking the job once the dead worker's lease has expired.
  const provider = new ModelProvider({ latency: 'zero' });
  cleanups.push(() => provider.close());
  const events: PieceEvent[] = [];
  await runContentWorkers({ queue, store, provider, settings: contentSettings(), workers: 1, outputDirectory: output, leaseMs: 10_000, pollMs: 50, untilEmpty: true, seed: 1, onPiece: (event) => events.push(event) });

  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ outcome: 'completed', status: 'published' });
  // The stages the dead worker checkpointed are not run again.
  for (const stage of done) expect(events[0]!.stagesRun).not.toContain(stage);
  expect(events[0]!.stagesRun.at(-1)).toBe('publish');
  const finished = await queue.get(job.id);
  expect(finished).toMatchObject({ state: 'done', expiredLeases: 1, checkpoints: { publish: { alreadyPublished: false } } });
  // Published exactly once: one JSON, one publish effect over every recorded run.
  expect(readdirSync(output).sort()).toEqual(['mars.html', 'mars.json']);
  const runs = await store.contentRuns.forPiece('mars');
  expect(runs).toHaveLength(1);
  expect(runs.flatMap((run) => run.stagesRun).filter((stage) => stage === 'publish')).toHaveLength(1);
}

describe('a content worker killed with SIGKILL mid-piece', () => {
  it('leaves its job to another worker, which skips the checkpointed stages and publishes once (store queue)', async () => {
    await killMidPieceAndTakeOver(undefined);
  }, 180_000);

  it('leaves its job to another worker, which skips the checkpointed stages and publishes once (Redis)', async () => {
    await killMidPieceAndTakeOver(await redisDatabaseUrl());
  }, 180_000);
});
