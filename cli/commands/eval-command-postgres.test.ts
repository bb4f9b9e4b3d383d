// `agentlab eval --store postgres://…` (or AGENTLAB_STORE_URL): the same eval into PostgreSQL as into
// SQLite, cell for cell; four shard processes (the compiled command, as four CI jobs would run it) writing
// one PostgreSQL run that completes equal to the unsharded run; --serve reporting the run from
// PostgreSQL; memory, episodes and lessons kept and recalled there; and a database that cannot be reached
// refused before anything runs (exit 2 naming host and port, never the password).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEpisodicMemory } from '../../agents/index.js';
import { ModelProvider } from '../../models/index.js';
import { openStoreBackend } from '../../store/index.js';
import { runCli } from '../main.js';
import { recordingContext, runRecorded, type RecordingContext } from '../test-support.js';
import { createTestDatabase, type TestDatabase } from '../../store/test-fixtures.js';
import { cellCount, matrix, readStoredRun, writeDataset, type StoredRunView } from './shard-test-support.js';

// The compiled command (node scripts/build.mjs), as in eval-command-shards.test.ts.
const binary = fileURLToPath(new URL('../../bin/agentlab.js', import.meta.url));
const slow = { timeout: 180_000 };
let directory: string;
let database: TestDatabase;
let whole: StoredRunView;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-eval-postgres-'));
  await writeDataset(directory);
  database = await createTestDatabase('agentlab_eval');
  const made = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--store', 'whole.db'], { cwd: directory });
  expect(made.exitCode, made.errorOutput).toBe(0);
  whole = await readStoredRun(path.join(directory, 'whole.db'));
}, 60_000);
afterAll(async () => {
  await database?.drop();
  await rm(directory, { recursive: true, force: true });
});

interface Exited {
  code: number | null;
  errorOutput: string;
}

function agentlab(arguments_: string[]): Promise<Exited> {
  const child = spawn(process.execPath, [binary, ...arguments_], { cwd: directory, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let errorOutput = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errorOutput += chunk));
  return new Promise<Exited>((resolve) => child.on('exit', (code) => resolve({ code, errorOutput })));
}

async function waitFor(context: RecordingContext, pattern: RegExp): Promise<RegExpMatchArray> {
  for (;;) {
    const match = pattern.exec(context.output) ?? pattern.exec(context.errorOutput);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('agentlab eval on PostgreSQL', () => {
  it('writes the same run into PostgreSQL (AGENTLAB_STORE_URL) as into SQLite, cell for cell, and agentlab summary gates it there', slow, async () => {
    const made = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--run-id', 'pg-1'], { cwd: directory, env: { AGENTLAB_STORE_URL: database.url } });
    expect(made.exitCode, made.errorOutput).toBe(0);
    expect(existsSync(path.join(directory, '.agentlab'))).toBe(false);
    const stored = await readStoredRun(database.url, 'pg-1');
    expect(stored.status).toBe('completed');
    expect(stored.cells).toHaveLength(cellCount);
    expect(stored.cells).toEqual(whole.cells);
    expect(stored.summary).toEqual(whole.summary);
    // The tracing sink wrote every cell's spans into PostgreSQL too, the agent's root span first among them.
    const store = await openStoreBackend(database.url);
    try {
      for (const result of await store.caseResults('pg-1')) {
        const spans = await store.spans(result.traceId!);
        expect(spans.map((span) => span.name)).toContain('invoke_agent react');
      }
    } finally {
      await store.close();
    }
    const summary = await runRecorded(['summary', 'pg-1', '--store', database.url, '--min-success', '0.1'], { cwd: directory });
    expect(summary.exitCode, summary.errorOutput).toBe(0);
    expect(summary.output).toContain('✓ complete: run pg-1 completed');
    // A run in PostgreSQL is continued there: --retry-errors (no error to retry) keeps every result and completes it again.
    const plain = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--json', 'plain.json'], { cwd: directory, env: { AGENTLAB_STORE_URL: database.url } });
    expect(plain.exitCode, plain.errorOutput).toBe(0);
    const plainId = (JSON.parse(await readFile(path.join(directory, 'plain.json'), 'utf8')) as { run: { id: string } }).run.id;
    const retried = await runRecorded(['eval', '--retry-errors', plainId, '-q'], { cwd: directory, env: { AGENTLAB_STORE_URL: database.url } });
    expect(retried.exitCode, retried.errorOutput).toBe(0);
    const again = await readStoredRun(database.url, plainId);
    expect(again.status).toBe('completed');
    expect(again.cells).toEqual(whole.cells);
  });

  it('four shard processes at once on one PostgreSQL database make one completed run equal to the unsharded run', slow, async () => {
    const exits = await Promise.all([1, 2, 3, 4].map((index) => agentlab(['eval', 'cases.jsonl', ...matrix, '--shard', `${index}/4`, '--run-id', 'ci-pg', '--store', database.url])));
    for (const exit of exits) expect(exit.code, exit.errorOutput).toBe(0);
    expect(exits.filter((exit) => /completed run ci-pg/.test(exit.errorOutput))).toHaveLength(1);
    const shared = await readStoredRun(database.url, 'ci-pg');
    expect(shared.status).toBe('completed');
    expect(shared.shards).toEqual([[1, 4, 'completed'], [2, 4, 'completed'], [3, 4, 'completed'], [4, 4, 'completed']]);
    expect(shared.cells).toEqual(whole.cells);
    expect(shared.summary).toEqual(whole.summary);
    const summary = await runRecorded(['summary', 'ci-pg', '--store', database.url], { cwd: directory });
    expect(summary.exitCode, summary.errorOutput).toBe(0);
    expect(summary.output).toContain('✓ complete: run ci-pg completed');
  });

  it('a shard killed mid-way leaves the PostgreSQL run interrupted; run again, it resumes its own cells and completes the run', slow, async () => {
    const other = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--shard', '2/2', '--run-id', 'ci-pg-9', '--store', database.url], { cwd: directory });
    expect(other.exitCode, other.errorOutput).toBe(0);
    expect(other.errorOutput).toContain('1 not started');
    const killed = spawn(process.execPath, [binary, 'eval', 'cases.jsonl', '--agents', 'react', '--models', 'sim:strong,sim:weak', '--epochs', '2', '--latency', '300', '--concurrency', '1', '--shard', '1/2', '--run-id', 'ci-pg-9', '--store', database.url], { cwd: directory, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let progress = '';
    killed.stderr.setEncoding('utf8').on('data', (chunk: string) => (progress += chunk));
    const exited = new Promise((resolve) => killed.on('exit', resolve));
    while (!/progress: [1-5]\/6 /.test(progress)) await new Promise((resolve) => setTimeout(resolve, 20));
    killed.kill('SIGKILL');
    await exited;
    const interrupted = await readStoredRun(database.url, 'ci-pg-9');
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.shards).toEqual([[1, 2, 'interrupted'], [2, 2, 'completed']]);
    const gated = await runRecorded(['summary', 'ci-pg-9', '--store', database.url], { cwd: directory });
    expect(gated.exitCode).toBe(1);
    expect(gated.output).toMatch(/✗ complete: run ci-pg-9 is interrupted \(shards 2 completed; 1 interrupted\)/);
    const again = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--shard', '1/2', '--run-id', 'ci-pg-9', '--store', database.url], { cwd: directory });
    expect(again.exitCode, again.errorOutput).toBe(0);
    const completed = await readStoredRun(database.url, 'ci-pg-9');
    expect(completed.status).toBe('completed');
    expect(completed.cells).toEqual(whole.cells);
  });

  it('a database that cannot be reached: exit 2 naming its host and port, never the password, and no case runs', slow, async () => {
    // An agent that leaves a mark when it is called: opening it (before the store) calls nothing.
    await writeFile(path.join(directory, 'marking-agent.mjs'), "import { appendFileSync } from 'node:fs';\nexport default async (goal) => { appendFileSync('ran.txt', goal + '\\n'); return 'done'; };\n");
    const refused = await runRecorded(['eval', 'cases.jsonl', '--agents', 'module:./marking-agent.mjs', '--models', 'sim:strong', '--store', 'postgres://agentlab:s3cret-word@127.0.0.1:9/agentlab'], { cwd: directory });
    expect(refused.exitCode, refused.errorOutput).toBe(2);
    expect(refused.errorOutput).toContain('127.0.0.1:9');
    expect(refused.errorOutput).not.toContain('s3cret-word');
    expect(refused.output).toBe('');
    expect(existsSync(path.join(directory, 'ran.txt'))).toBe(false);
  });

  it('keeps memory and episodes in PostgreSQL with --memory --episodes: the run completes there, every cell an episode of eval/<run id>', slow, async () => {
    const made = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--memory', '--episodes', '--run-id', 'pg-memory', '--store', database.url], { cwd: directory });
    expect(made.exitCode, made.errorOutput).toBe(0);
    expect((await readStoredRun(database.url, 'pg-memory')).status).toBe('completed');
    const store = await openStoreBackend(database.url);
    try {
      const episodes = await store.episodes.list({ namespace: 'eval/pg-memory', limit: 100 });
      expect(episodes).toHaveLength(cellCount);
      expect(new Set(episodes.map((episode) => `${episode.runId} ${episode.agent} ${episode.embeddingModel}`))).toEqual(new Set(['pg-memory react sim:strong']));
    } finally {
      await store.close();
    }
  });

  it('recalls the lessons a namespace holds in PostgreSQL for the cells whose goals are like theirs, on the root span of each', slow, async () => {
    const provider = new ModelProvider({ latency: 'zero' });
    const store = await openStoreBackend(database.url);
    let episodeId: number;
    try {
      const episodic = await openEpisodicMemory({ store, provider, embeddingModel: 'sim:strong' });
      const episode = await episodic.recordEpisode({ goal: 'Calculate 17 * 23', steps: 'calculator', outcome: 'rejected by ana', output: '390', lesson: 'Check the product twice.', agent: 'react', model: 'sim:strong', namespace: 'reviewed' });
      episodeId = episode.id;
    } finally {
      await store.close();
      await provider.close();
    }
    // The config's memory.namespace is where lessons come from.
    await writeFile(path.join(directory, 'reviewed.yaml'), 'memory:\n  namespace: reviewed\n');
    const made = await runRecorded(['eval', 'cases.jsonl', ...matrix, '-c', 'reviewed.yaml', '--run-id', 'pg-lessons', '--store', database.url], { cwd: directory });
    expect(made.exitCode, made.errorOutput).toBe(0);
    const read = await openStoreBackend(database.url);
    try {
      const products = (await read.caseResults('pg-lessons')).filter((result) => result.caseId === 'product');
      expect(products).toHaveLength(4);
      for (const result of products) {
        const root = (await read.spans(result.traceId!)).find((span) => span.name === 'invoke_agent react')!;
        const event = root.events.find((candidate) => candidate.name === 'agentlab.lessons');
        expect(event?.attributes).toMatchObject({ 'agentlab.lessons.count': 1, 'agentlab.lessons.episode_ids': [episodeId], 'agentlab.lessons.namespace': 'reviewed' });
      }
    } finally {
      await read.close();
    }
  });

  it('--serve reports the run it makes from PostgreSQL, live and afterwards', slow, async () => {
    const context = recordingContext({ cwd: directory });
    const exit = runCli(['eval', 'cases.jsonl', ...matrix, '--run-id', 'pg-serve', '--store', database.url, '--serve', '--port', '0'], context);
    const [, reportUrl] = await waitFor(context, /Report: (http:\/\/127\.0\.0\.1:\d+\/runs\/pg-serve) {2}\(serving until Ctrl\+C\)/);
    const page = await fetch(reportUrl!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('quotient');
    context.stop();
    expect(await exit).toBe(0);
  });
});
