// `agentlab content` on PostgreSQL (`--store postgres://…` or AGENTLAB_STORE_URL), through the compiled
// command (node scripts/build.mjs) as workers on several machines would run it: topics enqueued into
// PostgreSQL's queue_jobs, two `content work` processes leasing from it, one killed with SIGKILL
// mid-piece, the other finishing every piece (the killed one's from its checkpoints, published once),
// content runs and traces recorded in PostgreSQL, `content status --json` read from it and the /content
// report page served from it; the queue on Redis (AGENTLAB_QUEUE_URL) beside a PostgreSQL store; and a
// database that cannot be reached refused with exit 2 naming its host, never the password.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisTestUrl } from '../../queue/redis-test-url.js';
import { eventually } from '../../queue/test-support.js';
import { openStoreBackend, type QueueJobRecord, type StoreBackend } from '../../store/index.js';
import { runRecorded } from '../test-support.js';
import { createTestDatabase, type TestDatabase } from '../../store/test-fixtures.js';

const binary = fileURLToPath(new URL('../../bin/agentlab.js', import.meta.url));
const topics = ['Mars', 'The Moon', 'The water cycle', 'Binary numbers'];
/** The worker to be killed: a lease short enough that the survivor soon takes its piece over, long enough to be kept on a loaded machine. */
const doomedLeaseMs = 8_000;
let directory: string;
let database: TestDatabase;
let store: StoreBackend;
const children: ChildProcess[] = [];

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'agentlab-content-postgres-'));
  database = await createTestDatabase('agentlab_content');
  store = await openStoreBackend(database.url);
}, 60_000);
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await store?.close();
  await database?.drop();
  rmSync(directory, { recursive: true, force: true });
});

interface Agentlab {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

/** The compiled command in the test's folder, the store named only by AGENTLAB_STORE_URL. */
function agentlab(arguments_: string[]): Agentlab {
  const child = spawn(process.execPath, [binary, ...arguments_], {
    cwd: directory,
    env: { ...process.env, NO_COLOR: '1', AGENTLAB_STORE_URL: database.url, AGENTLAB_QUEUE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => text };
}

/** The content job a process's worker holds (its worker ids are host:pid:…), once it has one. */
async function jobHeldBy(pid: number): Promise<QueueJobRecord | undefined> {
  return (await store.queueJobs.list('content', 'running', 100)).find((job) => job.leaseOwner?.split(':').at(-2) === String(pid));
}

describe('agentlab content on PostgreSQL', () => {
  it('two worker processes share the queue in PostgreSQL; one killed mid-piece, the other finishes every piece, each published once', async () => {
    writeFileSync(path.join(directory, 'topics.txt'), `${topics.join('\n')}\n`);
    const enqueue = agentlab(['content', 'enqueue', '--file', 'topics.txt']);
    expect(await enqueue.exited, enqueue.output()).toBe(0);
    expect(enqueue.output()).toContain('Enqueued mars (Mars).');
    expect((await store.queueJobs.counts('content')).map((row) => [row.state, row.count])).toEqual([['queued', 4]]);

    // 300 ms per model call: a piece takes seconds, so the kill lands between its stages.
    const work = (...extra: string[]) => agentlab(['content', 'work', '--output', 'lessons', '--latency', '300', '--seed', '1', '--poll-ms', '50', ...extra]);
    const doomed = work('--lease-ms', String(doomedLeaseMs));
    const leased = await eventually('the first worker to lease a piece', async () => {
      if (doomed.child.exitCode !== null) throw new Error(`The worker exited: ${doomed.output()}`);
      return jobHeldBy(doomed.child.pid!);
    }, 60_000);
    const survivor = work('--until-empty', '--workers', '2');
    const checkpointed = await eventually('the first worker to checkpoint a stage of its piece', async () => {
      const job = await store.queueJobs.get(leased.id);
      return job?.state === 'running' && job.leaseOwner === leased.leaseOwner && Object.keys(job.checkpoints).length > 0 ? job : undefined;
    }, 60_000);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const done = Object.keys((await store.queueJobs.get(leased.id))!.checkpoints);
    expect(done).toContain('research');
    expect(done).not.toContain('publish');
    expect(checkpointed.state).toBe('running');

    // The survivor finishes its own pieces, waits out the dead worker's lease and finishes that one too.
    expect(await survivor.exited, survivor.output()).toBe(0);
    expect(survivor.output()).toMatch(/^Working the content queue on store postgres:\/\//m);
    const jobs = await store.queueJobs.list('content', undefined, 100);
    expect(jobs.map((job) => job.state).sort()).toEqual(['done', 'done', 'done', 'done']);
    const takenOver = jobs.find((job) => job.id === leased.id)!;
    expect(takenOver.expiredLeases, survivor.output()).toBe(1);
    expect(takenOver.leaseOwner).toBeUndefined();

    // Content runs in PostgreSQL: one per piece, every one the survivor's (the killed worker recorded
    // none), the taken-over piece without the stages its checkpoints held, and one publish each.
    const runs = await store.contentRuns.list();
    expect(runs.map((run) => run.pieceId).sort()).toEqual(['binary-numbers', 'mars', 'the-moon', 'the-water-cycle']);
    expect(runs.every((run) => run.status === 'published' && run.workerId.split(':').at(-2) === String(survivor.child.pid))).toBe(true);
    const resumed = runs.find((run) => run.pieceId === leased.id)!;
    for (const stage of done) expect(resumed.stagesRun).not.toContain(stage);
    expect(runs.flatMap((run) => run.stagesRun).filter((stage) => stage === 'publish')).toHaveLength(4);
    expect(readdirSync(path.join(directory, 'lessons')).sort()).toEqual(jobs.flatMap((job) => [`${job.id}.html`, `${job.id}.json`]).sort());
    // Each piece's trace went to PostgreSQL, nothing to a SQLite file in the working folder.
    for (const run of runs) expect((await store.spans(run.traceId!)).length).toBeGreaterThan(3);
    expect(existsSync(path.join(directory, '.agentlab'))).toBe(false);

    const status = agentlab(['content', 'status', '--json', '--recent', '3']);
    expect(await status.exited, status.output()).toBe(0);
    const parsed = JSON.parse(status.output()) as { queue: string; counts: Record<string, { count: number }>; recent: Array<{ pieceId: string; finishedAt: number; traceId?: string }> };
    expect(parsed.queue).toBe(`store ${store.location}`);
    expect(Object.fromEntries(Object.entries(parsed.counts).map(([state, entry]) => [state, entry.count]))).toEqual({ queued: 0, running: 0, done: 4, dead: 0, in_review: 0 });
    // The newest three runs, newest first.
    const newestFirst = [...runs].sort((left, right) => right.finishedAt - left.finishedAt).slice(0, 3);
    expect(parsed.recent.map((run) => [run.pieceId, run.finishedAt])).toEqual(newestFirst.map((run) => [run.pieceId, run.finishedAt]));

    // The report server on the same database shows the pieces on /content, each linked to its trace.
    const serve = agentlab(['serve', '--port', '0']);
    const [, url] = await eventually('the report server to listen', async () => /agentlab reports at (http:\/\/127\.0\.0\.1:\d+)\//.exec(serve.output()) ?? undefined, 60_000);
    const content = (await (await fetch(`${url}/api/content?days=30`)).json()) as { recent: Array<{ pieceId: string; traceId?: string }> };
    expect(content.recent.map((entry) => [entry.pieceId, entry.traceId]).sort()).toEqual(runs.map((run) => [run.pieceId, run.traceId]).sort());
    const page = await fetch(`${url}/content`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`/traces/${resumed.traceId}`);
    serve.child.kill('SIGINT');
    await serve.exited;
  }, 240_000);

  it('keeps the queue on Redis when AGENTLAB_QUEUE_URL names it, and the content runs and traces in PostgreSQL', async () => {
    // A Redis database of its own (the command uses the default key prefix), emptied first.
    const redisUrl = new URL(redisTestUrl());
    redisUrl.pathname = '/11';
    const redis = new Redis(redisUrl.toString());
    try {
      await redis.flushdb();
      const env = { AGENTLAB_STORE_URL: database.url, AGENTLAB_QUEUE_URL: redisUrl.toString() };
      const enqueued = await runRecorded(['content', 'enqueue', 'Photosynthesis', '--json'], { cwd: directory, env });
      expect(enqueued.exitCode, enqueued.errorOutput).toBe(0);
      expect((JSON.parse(enqueued.output) as { queue: string }).queue).toMatch(/^redis:\/\//);
      const worked = await runRecorded(['content', 'work', '--until-empty', '--latency', 'zero', '--seed', '1', '--poll-ms', '20', '--output', 'lessons-redis'], { cwd: directory, env });
      expect(worked.exitCode, worked.errorOutput).toBe(0);
      expect(await store.queueJobs.get('photosynthesis')).toBeUndefined();
      const [run] = await store.contentRuns.forPiece('photosynthesis');
      expect(run).toMatchObject({ pieceId: 'photosynthesis', status: 'published' });
      expect((await store.spans(run!.traceId!)).length).toBeGreaterThan(3);
      const status = await runRecorded(['content', 'status', '--json'], { cwd: directory, env });
      const parsed = JSON.parse(status.output) as { counts: Record<string, { count: number }>; recent: Array<{ pieceId: string }> };
      expect(parsed.counts.done!.count).toBe(1);
      expect(parsed.recent[0]!.pieceId).toBe('photosynthesis');
    } finally {
      await redis.flushdb();
      await redis.quit();
    }
  }, 120_000);

  it('refuses a database that cannot be reached: exit 2 naming its host and port, never the password', async () => {
    const unreachable = 'postgres://agentlab:s3cret-word@127.0.0.1:9/agentlab';
    for (const arguments_ of [['content', 'enqueue', 'Mars', '--store', unreachable], ['content', 'status', '--store', unreachable], ['content', 'work', '--until-empty']]) {
      const refused = await runRecorded(arguments_, { cwd: directory, env: { AGENTLAB_STORE_URL: unreachable } });
      expect(refused.exitCode, refused.errorOutput).toBe(2);
      expect(refused.errorOutput).toContain('127.0.0.1:9');
      expect(refused.errorOutput).not.toContain('s3cret-word');
      expect(refused.output).toBe('');
    }
  }, 60_000);
});
