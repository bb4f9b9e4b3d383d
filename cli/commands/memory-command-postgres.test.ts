// Memory, episodes and the review queue's lessons on a PostgreSQL store, through the compiled command (node
// scripts/build.mjs) as a user runs it: `agentlab memory` adds, searches, lists and forgets in the database
// --store or AGENTLAB_STORE_URL names; `agentlab eval --memory --episodes` keeps its facts and episodes there;
// a correction decided with `agentlab reviews` or on `agentlab serve`'s decision route records its lesson
// episode there, and the next eval and run on that store recall the lesson. The URL carries a password the
// server does not ask for (trust on loopback), so every message is checked for never printing it.
import { startCompiledCommand, type CommandExited, type RunningCommand } from './compiled-command.js';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../eval/index.js';
import { openStoreBackend, type NewReview, type StoreBackend } from '../../store/index.js';
import { createTestDatabase, type TestDatabase } from '../../store/test-fixtures.js';

const binary = fileURLToPath(new URL('../../bin/agentlab.js', import.meta.url));
const processes = { timeout: 180_000 };
const password = 'never-printed-s3cret';
const lesson = '"Tally" means add up: use the calculator.';
let directory: string;
let database: TestDatabase;
/** The test database's URL with a password in it. */
let url: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-memory-postgres-'));
  // Two tally goals the simulator cannot do without the lesson, and a control the lesson must leave alone.
  const cases = [
    { id: 'tally-8-16-4', goal: 'Tally 8, 16 and 4', expected_tools: ['calculator'], expected_output_regex: '\\b28\\b' },
    { id: 'tally-14-28-19', goal: 'Tally 14, 28 and 19', expected_tools: ['calculator'], expected_output_regex: '\\b61\\b' },
    { id: 'control-multiply', goal: 'Calculate 17 * 23', expected_tools: ['calculator'], expected_output_contains: ['391'] },
  ];
  await writeFile(path.join(directory, 'tally.jsonl'), cases.map((each) => JSON.stringify(each)).join('\n'));
  const memoryCases = [
    { id: 'remember-port', goal: 'Remember that the staging port is 5433', expected_tools: ['remember'], expected_output_contains: ['5433'] },
    { id: 'product', goal: 'Calculate 17 * 23', expected_tools: ['calculator'], expected_output_contains: ['391'] },
  ];
  await writeFile(path.join(directory, 'memory.jsonl'), memoryCases.map((each) => JSON.stringify(each)).join('\n'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

// A database of its own for every test, so that no test's memories or lessons reach another's.
beforeEach(async () => {
  database = await createTestDatabase('agentlab_memory');
  const withPassword = new URL(database.url);
  withPassword.password = password;
  url = withPassword.toString();
});
afterEach(() => database?.drop());

function start(arguments_: readonly string[], env: Record<string, string> = {}): RunningCommand {
  return startCompiledCommand(binary, arguments_, { cwd: directory, env });
}

/** The compiled command to its end; what it printed never holds the password. */
async function agentlab(arguments_: readonly string[], env: Record<string, string> = {}): Promise<CommandExited> {
  const exited = await start(arguments_, env).exited;
  expect(`${exited.stdout}${exited.stderr}`).not.toContain(password);
  return exited;
}

async function withStore<Result>(read: (store: StoreBackend) => Promise<Result>): Promise<Result> {
  const store = await openStoreBackend(url);
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

/** A simulator's answer to a tally goal, rated unsure, waiting in the database's review queue. */
async function pendingTallyReview(): Promise<string> {
  const review: NewReview = {
    kind: 'low_confidence',
    runId: 'run-earlier',
    caseId: 'tally-18-27-41',
    epoch: 1,
    agent: 'react',
    model: 'sim:weak',
    goal: 'Tally 18, 27 and 41',
    answer: 'I do not have enough information to answer.',
    confidence: 0.3,
    steps: '1 model call, 0 tool calls',
    createdAt: Date.now(),
  };
  return withStore(async (store) => (await store.reviews.add(review)).id);
}

/** Per case, whether the eval of tally.jsonl on sim:strong passed it. */
async function tallyEval(name: string, ...flags: string[]): Promise<Record<string, string>> {
  const report = path.join(directory, `${name}.json`);
  const run = await agentlab(['eval', 'tally.jsonl', '--agents', 'react', '--models', 'sim:strong', '--epochs', '1', '--latency', 'zero', '-q', '--json', report, ...flags]);
  expect(run.exitCode, run.stderr).toBe(0);
  const { results } = JSON.parse(await readFile(report, 'utf8')) as JsonReport;
  return Object.fromEntries(results.map((result) => [result.caseId, result.status]));
}

const withoutLesson = { 'tally-8-16-4': 'fail', 'tally-14-28-19': 'fail', 'control-multiply': 'pass' };
const withLesson = { 'tally-8-16-4': 'pass', 'tally-14-28-19': 'pass', 'control-multiply': 'pass' };

describe('agentlab memory on PostgreSQL', () => {
  it('adds, searches, lists and forgets facts in the database AGENTLAB_STORE_URL or --store names', processes, async () => {
    const added = await agentlab(['memory', 'add', 'The office wifi password is hunter2', '--agent', 'react'], { AGENTLAB_STORE_URL: url });
    expect(added.exitCode, added.stderr).toBe(0);
    expect(added.stdout).toBe('Remembered memory 1 in namespace default (for agent react), embedded by sim:strong.\n');
    const shared = await agentlab(['memory', 'add', 'Priya owns the budget', '--namespace', 'kb', '--store', url]);
    expect(shared.exitCode, shared.stderr).toBe(0);

    const searched = await agentlab(['memory', 'search', 'wifi password', '--agent', 'react', '-k', '3', '--json', '--store', url]);
    expect(searched.exitCode, searched.stderr).toBe(0);
    expect((JSON.parse(searched.stdout) as Array<{ memory: { content: string; accessCount: number } }>).map((recalled) => recalled.memory)).toEqual([
      expect.objectContaining({ content: 'The office wifi password is hunter2', accessCount: 1 }),
    ]);
    const listed = await agentlab(['memory', 'list', '--json', '--store', url]);
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ content: string; namespace: string }>).map((memory) => [memory.namespace, memory.content])).toEqual([
      ['kb', 'Priya owns the budget'],
      ['default', 'The office wifi password is hunter2'],
    ]);

    const byNamespace = await agentlab(['memory', 'forget', '--namespace', 'kb', '--store', url]);
    expect(byNamespace.stdout).toBe('Forgot 1 memory.\n');
    const byId = await agentlab(['memory', 'forget', '1'], { AGENTLAB_STORE_URL: url });
    expect(byId.stdout).toBe('Forgot 1 memory.\n');
    expect((await agentlab(['memory', 'list', '--store', url])).stdout).toBe('No memories.\n');
    await withStore(async (store) => expect(await store.memories.count()).toBe(0));
  });

  it('exits 2 naming the server, never the password, when the database cannot be reached (memory and reviews alike)', processes, async () => {
    const unreachable = `postgres://ana:${password}@127.0.0.1:1/agentlab`;
    for (const command of [['memory', 'list'], ['memory', 'forget', '3'], ['memory', 'add', 'a fact'], ['reviews', 'list'], ['reviews', 'accept', '5c1e09aa']]) {
      const refused = await agentlab([...command, '--store', unreachable]);
      expect(refused.exitCode, command.join(' ')).toBe(2);
      expect(refused.stderr).toContain('postgres://ana@127.0.0.1:1/agentlab');
      expect(refused.stdout).toBe('');
    }
    const fromEnvironment = await agentlab(['reviews', 'list'], { AGENTLAB_STORE_URL: unreachable });
    expect(fromEnvironment.exitCode).toBe(2);
    expect(fromEnvironment.stderr).toContain('postgres://ana@127.0.0.1:1/agentlab');
  });
});

describe('agentlab eval --memory --episodes on PostgreSQL', () => {
  it('keeps the facts the cells remember and an episode of every cell in the database; memory list and forget --episodes see them there', processes, async () => {
    const report = path.join(directory, 'memory-report.json');
    const run = await agentlab(['eval', 'memory.jsonl', '--agents', 'react', '--models', 'sim:oracle', '--epochs', '1', '--latency', 'zero', '-q', '--memory', '--episodes', '--json', report, '--store', url]);
    expect(run.exitCode, run.stderr).toBe(0);
    const { run: made, results } = JSON.parse(await readFile(report, 'utf8')) as JsonReport;
    expect(results.map((result) => [result.caseId, result.status]).sort()).toEqual([
      ['product', 'pass'],
      ['remember-port', 'pass'],
    ]);
    await withStore(async (store) => {
      const [memory] = await store.memories.list();
      expect(memory).toMatchObject({ content: 'the staging port is 5433', agent: 'react', namespace: `eval/${made.id}/remember-port/sim:oracle/e1` });
    });

    const listed = await agentlab(['memory', 'list', '--episodes', '--json', '--store', url]);
    expect(listed.exitCode, listed.stderr).toBe(0);
    const episodes = JSON.parse(listed.stdout) as Array<{ id: number; goal: string; namespace: string; runId: string }>;
    expect(episodes.map((episode) => episode.goal).sort()).toEqual(['Calculate 17 * 23', 'Remember that the staging port is 5433']);
    expect(episodes.every((episode) => episode.namespace === `eval/${made.id}` && episode.runId === made.id)).toBe(true);

    const forgotten = await agentlab(['memory', 'forget', '--episodes', ...episodes.map((episode) => String(episode.id)), '--store', url]);
    expect(forgotten.stdout).toBe('Forgot 2 episodes.\n');
    await withStore(async (store) => expect(await store.episodes.list()).toEqual([]));
  });
});

describe('lessons on PostgreSQL', () => {
  it('a correction decided with agentlab reviews records its lesson episode there, and the next eval and run on the store recall it', processes, async () => {
    const reviewId = await pendingTallyReview();
    expect(await tallyEval('before', '--store', url)).toEqual(withoutLesson);

    const queued = await agentlab(['reviews', 'list', '--json', '--store', url]);
    expect(JSON.parse(queued.stdout)).toMatchObject({ queue: { pending: 1 }, reviews: [{ id: reviewId, status: 'pending' }] });
    const corrected = await agentlab(['reviews', 'correct', reviewId.slice(0, 6), '--answer', '86', '--note', lesson, '--by', 'ana'], { AGENTLAB_STORE_URL: url });
    expect(corrected.exitCode, corrected.stderr).toBe(0);
    expect(corrected.stdout).toContain(`Lesson recorded in episode 1 (namespace default): ${lesson}`);
    await withStore(async (store) => {
      expect(await store.reviews.get(reviewId)).toMatchObject({ status: 'corrected', decidedBy: 'ana', correction: '86', episodeId: 1 });
      expect(await store.episodes.get(1)).toMatchObject({ namespace: 'default', goal: 'Tally 18, 27 and 41', lesson, embeddingModel: 'sim:strong' });
    });

    expect(await tallyEval('after', '--store', url)).toEqual(withLesson);
    expect(await tallyEval('after-without', '--store', url, '--no-lessons')).toEqual(withoutLesson);
    const run = await agentlab(['run', 'react', 'Tally 8, 16 and 4', '--model', 'sim:strong', '--latency', 'zero', '--no-memory', '--store', url]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Lessons from similar past tasks (namespace default, episodes 1; --no-lessons leaves them out):\n  - ${lesson}`);
    expect(run.stdout).toMatch(/\b28\b/);
  });

  it("a correction made on agentlab serve's decision route records its lesson episode there, and the next eval on the store recalls it", processes, async () => {
    const reviewId = await pendingTallyReview();
    const server = start(['serve', '--port', '0', '--store', url]);
    let address: RegExpExecArray | null = null;
    for (let attempt = 0; attempt < 600 && !address; attempt++) {
      address = /agentlab reports at (http:\/\/127\.0\.0\.1:\d+)\//.exec(server.stdout);
      if (!address) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(address, server.stdout).not.toBeNull();
    const answer = await fetch(`${address![1]}/api/reviews/${reviewId}/correct`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ correction: '86', note: lesson, by: 'ana' }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ review: { id: reviewId, status: 'corrected', episodeId: 1 }, episode: { id: 1, namespace: 'default', lesson } });
    server.signal('SIGINT');
    const stopped = await server.exited;
    expect(stopped.exitCode, stopped.stderr).toBe(0);
    expect(`${stopped.stdout}${stopped.stderr}`).not.toContain(password);

    await withStore(async (store) => expect(await store.episodes.get(1)).toMatchObject({ goal: 'Tally 18, 27 and 41', lesson, runId: 'run-earlier' }));
    expect(await tallyEval('after-serve', '--store', url)).toEqual(withLesson);
  });
});
