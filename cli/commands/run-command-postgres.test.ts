// `agentlab run` and `agentlab approvals` on a PostgreSQL store, through the compiled command (node
// scripts/build.mjs) as a user runs it: a run pauses at an approval gate, is approved with `agentlab
// approvals approve … --store postgres://…` and resumed to the end, its trace written into PostgreSQL;
// a run killed with SIGKILL between steps keeps every step it printed and, resumed, finishes without
// running a step twice; a run another process claimed while it waited stops; an unsure answer and a run
// that spent its retries wait in PostgreSQL's review queue. The URL carries a password
// the server does not ask for (trust on loopback), so every message is checked for never printing it.
import { startCompiledCommand, type CommandExited, type RunningCommand } from './compiled-command.js';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentResult, RunJournalEntry } from '../../agents/index.js';
import { openStoreBackend, type StoreBackend } from '../../store/index.js';
import { createTestDatabase, type TestDatabase } from '../../store/test-fixtures.js';

const binary = fileURLToPath(new URL('../../bin/agentlab.js', import.meta.url));
const processes = { timeout: 180_000 };
const password = 'never-printed-s3cret';
let directory: string;
let database: TestDatabase;
/** The test database's URL with a password in it. */
let url: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-run-postgres-'));
  database = await createTestDatabase('agentlab_run');
  const withPassword = new URL(database.url);
  withPassword.password = password;
  url = withPassword.toString();
});
afterAll(async () => {
  await database?.drop();
  await rm(directory, { recursive: true, force: true });
});

function start(arguments_: readonly string[], env: Record<string, string> = {}): RunningCommand {
  return startCompiledCommand(binary, arguments_, { cwd: directory, env });
}

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

const exists = (file: string) => access(file).then(() => true, () => false);
const simulated = ['--model', 'sim:oracle', '--latency', 'zero'];

describe('agentlab run on PostgreSQL', () => {
  it('pauses at an approval gate, is approved with agentlab approvals --store postgres://…, and --resume finishes it in one trace', processes, async () => {
    const paused = await agentlab(['run', 'react', 'Delete old-report.txt', ...simulated, '--store', url]);
    expect(paused.exitCode, paused.stderr).toBe(3);
    const ids = /^Run (\w+) is awaiting approval: delete_file \{"path":"old-report.txt"\} by react \(approval (\w+)\)\.$/m.exec(paused.stdout);
    expect(ids, paused.stdout).not.toBeNull();
    const [, runId, approvalId] = ids as unknown as [string, string, string];
    const sandbox = /^Its sandbox is kept at (.+) until then\.$/m.exec(paused.stdout)![1]!;
    // The commands printed name the store again, without its password (agentlab() checks every output for it).
    expect(paused.stdout).toContain(`agentlab run --resume ${runId} --store "postgres://`);
    expect(paused.stdout).toContain(`agentlab approvals approve ${approvalId} --store "postgres://`);
    await withStore(async (store) => expect(await store.agentRuns.get(runId)).toMatchObject({ status: 'awaiting_approval', settings: { sandbox } }));

    const listed = await agentlab(['approvals', 'list', '--status', 'pending', '--json'], { AGENTLAB_STORE_URL: url });
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id: approvalId, runId, tool: 'delete_file', status: 'pending' }]);
    expect(await exists(path.join(directory, '.agentlab'))).toBe(false);
    const approved = await agentlab(['approvals', 'approve', approvalId.slice(0, 5), '--reason', 'it is obsolete', '--by', 'ana', '--store', url]);
    expect(approved.exitCode, approved.stderr).toBe(0);
    expect(approved.stdout).toContain(`Approval ${approvalId} (delete_file {"path":"old-report.txt"}) approved by ana at `);
    expect(approved.stdout).toContain(`otherwise: agentlab run --resume ${runId} --store "postgres://`);
    const again = await agentlab(['approvals', 'reject', approvalId, '--reason', 'too late', '--store', url]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain(`Approval ${approvalId} was already approved by ana at `);

    const resumed = await agentlab(['run', '--resume', runId.slice(0, 5), '--store', url, '--keep-sandbox']);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`Resuming run ${runId}: replaying `);
    expect(resumed.stdout).toContain('I deleted old-report.txt.');
    expect(await exists(path.join(sandbox, 'old-report.txt'))).toBe(false);
    await rm(sandbox, { recursive: true, force: true });

    await withStore(async (store) => {
      const run = (await store.agentRuns.get(runId))!;
      expect(run).toMatchObject({ status: 'completed', output: 'I deleted old-report.txt.' });
      expect(await store.approvals.get(approvalId)).toMatchObject({ status: 'approved', decidedBy: 'ana', reason: 'it is obsolete', executedAt: expect.any(Number) });
      // Both processes' spans are in PostgreSQL under one trace: the resumed root a child of the first.
      const spans = await store.spans(run.traceId!);
      expect(spans.filter((span) => span.name === 'invoke_agent react').map((span) => span.parentSpanId ?? null)).toEqual([null, run.rootSpanId]);
      const tools = spans.filter((span) => span.name === 'execute_tool delete_file');
      expect(tools.map((span) => span.attributes['agentlab.approval.status'])).toEqual(['pending', 'approved']);
      expect(tools[1]!.events[0]).toMatchObject({ name: 'agentlab.approval.decided', attributes: { 'agentlab.approval.decided_by': 'ana' } });
      // The finished run is an episode in PostgreSQL's episodic memory (memory is on by default).
      expect(await store.episodes.list({ namespace: 'default' })).toMatchObject([{ goal: 'Delete old-report.txt', agent: 'react', outcome: 'completed' }]);
    });
  });

  it('keeps every step a run killed with SIGKILL had printed, and --resume finishes it without running one twice', processes, async () => {
    const goal = ['react', 'Search for the boiling point of water and calculate 17 * 23', '--model', 'sim:oracle'];
    const whole = await agentlab(['run', ...goal, '--latency', 'zero', '--no-memory', '--json', '--store', url]);
    expect(whole.exitCode, whole.stderr).toBe(0);
    const expected = JSON.parse(whole.stdout) as AgentResult;

    // Slow model calls leave time to kill the process between steps.
    const child = start(['run', ...goal, '--latency', '400', '--no-memory', '--store', url]);
    let ended = false;
    void child.exited.then(() => (ended = true));
    // Killed once a tool's result is shown, while the next model call is under way.
    while (!/^ {2}✓ /mu.test(child.stderr)) {
      expect(ended, child.stderr).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.signal('SIGKILL');
    const killed = await child.exited;
    expect(killed.exitCode).toBeNull();
    const runId = /^Run (\w+)$/m.exec(killed.stderr)![1]!;
    // A model reply (→) or tool result (✓) is printed after its journal entry is saved: each one shown is there.
    const shownSteps = killed.stderr.match(/^ *[→✓✗] /gmu)!.length;
    const kept = await withStore(async (store) => (await store.agentRuns.get(runId))!);
    expect(kept.status).toBe('interrupted');
    const keptJournal = kept.journal as RunJournalEntry[];
    expect(keptJournal.length).toBeGreaterThanOrEqual(shownSteps);
    expect(keptJournal.slice(0, 2).map((entry) => entry.type)).toEqual(['model_reply', 'tool_result']);

    const resumed = await agentlab(['run', '--resume', runId, '--store', url, '--latency', 'zero', '--json']);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`Resuming run ${runId}: replaying ${keptJournal.length} recorded model replies and tool results.`);
    const result = JSON.parse(resumed.stdout) as AgentResult;
    expect(result.output).toBe(expected.output);
    expect(result.steps.map((step) => step.type)).toEqual(expected.steps.map((step) => step.type));
    await withStore(async (store) => {
      const run = (await store.agentRuns.get(runId))!;
      expect(run.status).toBe('completed');
      const journal = run.journal as RunJournalEntry[];
      expect(journal.slice(0, keptJournal.length)).toEqual(keptJournal);
      const toolCalls = journal.filter((entry) => entry.type === 'tool_result').map((entry) => entry.step.callId);
      expect(new Set(toolCalls).size).toBe(toolCalls.length);
      expect(toolCalls).toHaveLength(expected.steps.filter((step) => step.type === 'tool_call').length);
    });
  });

  it('a run waiting for approval that another process claimed meanwhile says so and stops (exit 1) without running the call', processes, async () => {
    const waiting = start(['run', 'react', 'Delete old-report.txt', ...simulated, '--wait-for-approval', '--store', url]);
    let ended = false;
    void waiting.exited.then(() => (ended = true));
    while (!waiting.stderr.includes('Waiting for the decision')) {
      expect(ended, waiting.stderr).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const [, runId, approvalId] = /^Run (\w+) waits for approval (\w+): /m.exec(waiting.stderr) as unknown as [string, string, string];
    await withStore(async (store) => {
      // Another process (this one) takes the paused run first, then the call is approved.
      expect(await store.agentRuns.claim(runId, Date.now())).toBe(2);
      await store.approvals.decide(approvalId, { decision: 'approved', by: 'ana', at: Date.now() });
    });
    const exited = await waiting.exited;
    expect(exited.exitCode, exited.stderr).toBe(1);
    expect(exited.stderr).toContain(`Run ${runId} was taken over by another process (agentlab run --resume) while this one waited; it goes on there.`);
    await withStore(async (store) => {
      expect((await store.approvals.get(approvalId))?.executedAt).toBeUndefined();
      expect(await store.agentRuns.get(runId)).toMatchObject({ status: 'running', claim: 2 });
    });
  });

  it('puts an answer rated below the confidence threshold in PostgreSQL’s review queue with the run’s id', processes, async () => {
    const rated = await agentlab(['run', 'react', 'Read missing.txt', ...simulated, '--seed', '1', '--no-memory', '--confidence-threshold', '0.85', '--json', '--store', url]);
    expect(rated.exitCode, rated.stderr).toBe(0);
    const json = JSON.parse(rated.stdout) as AgentResult & { runId: string; confidence: { escalated: boolean; reviewId: string } };
    expect(json.confidence.escalated).toBe(true);
    expect(rated.stderr).toContain('agentlab reviews list --store "postgres://');
    await withStore(async (store) => {
      expect(await store.reviews.get(json.confidence.reviewId)).toMatchObject({ kind: 'low_confidence', status: 'pending', runId: json.runId, goal: 'Read missing.txt', traceId: json.traceId });
      expect((await store.agentRuns.get(json.runId))?.status).toBe('completed');
    });
  });

  it('puts a run whose model calls spent their retries in PostgreSQL’s review queue as retries_exhausted', processes, async () => {
    // A port that was free a moment ago: every call to it is refused.
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await writeFile(path.join(directory, 'dead.yaml'), `models:\n  local:\n    baseURL: http://127.0.0.1:${port}/v1\n    model: oracle\n`);
    const failed = await agentlab(['run', 'react', 'Who created Python?', '--model', 'local', '-c', 'dead.yaml', '--no-memory', '--store', url]);
    expect(failed.exitCode, failed.stderr).toBe(1);
    const reviewId = /it waits for review as (\w+): agentlab reviews list/.exec(failed.stderr)![1]!;
    await withStore(async (store) => {
      const review = (await store.reviews.get(reviewId))!;
      expect(review).toMatchObject({ kind: 'retries_exhausted', status: 'pending', model: 'local', goal: 'Who created Python?', errorReport: { code: 'model_call_failed', attempts: 3 } });
      expect(await store.agentRuns.get(review.runId)).toMatchObject({ status: 'error' });
    });
  });

  it('exits 2 naming the database without its password when it cannot be reached, before any run', processes, async () => {
    const unreachable = `postgres://agentlab:${password}@127.0.0.1:9/agentlab`;
    const refused = await agentlab(['run', 'react', 'Who created Python?', ...simulated, '--store', unreachable]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('127.0.0.1:9');
    expect(refused.stdout).toBe('');
    const approvals = await agentlab(['approvals', 'approve', 'abcd', '--store', unreachable]);
    expect(approvals.exitCode).toBe(2);
    expect(approvals.stderr).toContain('127.0.0.1:9');
  });
});
