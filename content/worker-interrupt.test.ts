// Ctrl+C of `agentlab content work` (a child process, SIGINT, the simulator slow enough that a piece
// takes seconds): once, it stops leasing, finishes the piece in hand and publishes it (exit 0); twice,
// it releases the piece to the queue with no attempt counted and exits 130, and a later worker finishes
// it from its checkpoints.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreQueue } from '../queue/index.js';
import { eventually } from '../queue/test-support.js';
import { openStoreBackend } from '../store/index.js';
import { CONTENT_QUEUE } from './index.js';

const cli = fileURLToPath(new URL('../cli/agentlab.ts', import.meta.url));
// By its path: the child runs in a temp folder, where `--import tsx` would not be found.
const tsxLoader = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Worker {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

function startWorker(directory: string, storePath: string, output: string): Worker {
  const child = spawn(process.execPath, ['--import', tsxLoader, cli, 'content', 'work', '--store', storePath, '--output', output, '--latency', '150', '--seed', '1', '--poll-ms', '50'], {
    cwd: directory,
    env: { ...process.env, AGENTLAB_QUEUE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(() => void child.kill('SIGKILL'));
  return { child, exited, output: () => text };
}

async function pieceInHand(queue: StoreQueue, worker: Worker, jobId: string): Promise<void> {
  await eventually(
    'the worker to checkpoint a stage',
    async () => {
      if (worker.child.exitCode !== null) throw new Error(`The worker exited early: ${worker.output()}`);
      const job = await queue.get(jobId);
      return job !== undefined && job.state === 'running' && Object.keys(job.checkpoints).length > 0;
    },
    90_000,
  );
}

async function setUp() {
  const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-content-interrupt-'));
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  const storePath = path.join(directory, 'agentlab.db');
  const output = path.join(directory, 'lessons');
  const store = await openStoreBackend(storePath);
  cleanups.push(() => store.close());
  const queue = new StoreQueue({ store });
  const job = await queue.enqueue(CONTENT_QUEUE, { topic: 'Mars' }, { id: 'mars' });
  return { directory, storePath, output, store, queue, jobId: job.id };
}

describe('agentlab content work stopped with Ctrl+C', () => {
  it('once: finishes and publishes the piece in hand, leases nothing more, exits 0', async () => {
    const { directory, storePath, output, queue, jobId } = await setUp();
    await queue.enqueue(CONTENT_QUEUE, { topic: 'The Moon' }, { id: 'the-moon' });
    const worker = startWorker(directory, storePath, output);
    await pieceInHand(queue, worker, jobId);
    worker.child.kill('SIGINT');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('Stopping: finishing the pieces in hand');
    expect(await queue.get(jobId)).toMatchObject({ state: 'done' });
    expect(readdirSync(output).sort()).toEqual(['mars.html', 'mars.json']);
    // The second topic was never leased.
    expect(await queue.get('the-moon')).toMatchObject({ state: 'queued', attempts: 0 });
  }, 180_000);

  it('twice: releases the piece in hand with no attempt counted and exits 130; another worker finishes it from its checkpoints', async () => {
    const { directory, storePath, output, store, queue, jobId } = await setUp();
    const worker = startWorker(directory, storePath, output);
    await pieceInHand(queue, worker, jobId);
    worker.child.kill('SIGINT');
    await eventually('the first Ctrl+C to be taken', async () => worker.output().includes('Stopping: finishing the pieces in hand'), 30_000);
    worker.child.kill('SIGINT');
    expect(await worker.exited).toBe(130);
    const released = await queue.get(jobId);
    expect(released).toMatchObject({ state: 'queued', attempts: 0 });
    expect(Object.keys(released!.checkpoints)).toContain('research');
    expect(existsSync(path.join(output, 'mars.json'))).toBe(false);

    const next = startWorker(directory, storePath, output);
    await eventually('another worker to publish the released piece', async () => (await queue.get(jobId))?.state === 'done', 90_000);
    next.child.kill('SIGINT');
    expect(await next.exited).toBe(0);
    expect(readdirSync(output).sort()).toEqual(['mars.html', 'mars.json']);
    expect((await store.contentRuns.forPiece('mars')).flatMap((run) => run.stagesRun).filter((stage) => stage === 'publish')).toHaveLength(1);
  }, 240_000);
});
