// Approval gates through `agentlab run` as a user meets them: a run pauses (exit 3) in its own process,
// is approved or rejected from another, and `run --resume` finishes it in a third, in one trace; a
// process waiting for the decision goes on by itself; two resumes at once run the call once; and
// every way of asking --resume wrongly exits 2.
import { execFile, spawn } from 'node:child_process';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentResult, RunJournalEntry } from '../../agents/index.js';
import { openStore, type Store } from '../../store/index.js';
import { runCli } from '../main.js';
import { recordingContext, runRecorded } from '../test-support.js';
import type { RecordingOptions } from '../test-support.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-run-approvals-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

const exists = (file: string) => access(file).then(() => true, () => false);
const deleteGoal = ['react', 'Delete old-report.txt', '--model', 'sim:oracle', '--latency', 'zero'];
let stores = 0;
const newStore = () => path.join(directory, `store-${(stores += 1)}.db`);

/** Tests that start processes of their own: each start takes a few seconds on a busy machine. */
const processes = { timeout: 120_000 };

/** The real entry point in a child process, stdin not a terminal: resolves with the exit code instead of rejecting. */
function agentlab(arguments_: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'cli/agentlab.ts', ...arguments_], { cwd: repositoryRoot }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function pausedIds(output: string): { runId: string; approvalId: string; sandbox: string } {
  const ids = /^Run (\w+) is awaiting approval: .* \(approval (\w+)\)\.$/m.exec(output);
  const sandbox = /^Its sandbox is kept at (.+) until then\.$/m.exec(output);
  expect(ids, output).not.toBeNull();
  return { runId: ids![1]!, approvalId: ids![2]!, sandbox: sandbox![1]! };
}

function withStore<Result>(file: string, read: (store: Store) => Result): Result {
  const store = openStore(file);
  try {
    return read(store);
  } finally {
    store.close();
  }
}

async function waitForPending(file: string): Promise<string> {
  for (;;) {
    const pending = withStore(file, (store) => store.approvals.list({ status: 'pending' }));
    if (pending.length > 0) return pending[0]!.id;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('agentlab run at an approval gate', () => {
  it('pauses with exit 3, is approved from another process, and --resume deletes the file in the kept sandbox, in the same trace', processes, async () => {
    const store = newStore();
    const paused = await agentlab(['run', ...deleteGoal, '--store', store]);
    expect(paused.exitCode).toBe(3);
    const { runId, approvalId, sandbox } = pausedIds(paused.stdout);
    expect(await exists(path.join(sandbox, 'old-report.txt'))).toBe(true);
    expect(withStore(store, (opened) => opened.agentRuns.get(runId))).toMatchObject({ status: 'awaiting_approval', settings: { sandbox } });

    const approved = await runRecorded(['approvals', 'approve', approvalId, '--reason', 'it is obsolete', '--by', 'ana', '--store', store]);
    expect(approved.exitCode).toBe(0);
    expect(approved.output).toContain(`Approval ${approvalId} (delete_file {"path":"old-report.txt"}) approved by ana at `);

    const resumed = await agentlab(['run', '--resume', runId.slice(0, 5), '--store', store, '--keep-sandbox']);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('I deleted old-report.txt.');
    expect(resumed.stdout).toMatch(new RegExp(`^sandbox +${sandbox.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(kept\\)$`, 'm'));
    expect(await exists(path.join(sandbox, 'old-report.txt'))).toBe(false);
    await rm(sandbox, { recursive: true, force: true });

    withStore(store, (opened) => {
      const run = opened.agentRuns.get(runId)!;
      expect(run).toMatchObject({ status: 'completed', output: 'I deleted old-report.txt.' });
      expect(opened.approvals.get(approvalId)).toMatchObject({ status: 'approved', decidedBy: 'ana', reason: 'it is obsolete', executedAt: expect.any(Number) });
      // The trace: the pause, the decision and the deletion, under one trace id.
      const spans = opened.spans(run.traceId!);
      const roots = spans.filter((span) => span.name === 'invoke_agent react');
      expect(roots.map((span) => span.parentSpanId ?? null)).toEqual([null, run.rootSpanId]);
      const tools = spans.filter((span) => span.name === 'execute_tool delete_file');
      expect(tools.map((span) => span.attributes['agentlab.approval.status'])).toEqual(['pending', 'approved']);
      expect(tools[0]!.events[0]).toMatchObject({ name: 'agentlab.approval.requested', attributes: { 'agentlab.approval.id': approvalId, 'gen_ai.tool.name': 'delete_file' } });
      expect(tools[1]!.events[0]).toMatchObject({ name: 'agentlab.approval.decided', attributes: { 'agentlab.approval.status': 'approved', 'agentlab.approval.decided_by': 'ana', 'agentlab.approval.reason': 'it is obsolete' } });
      expect(tools[1]!.status.code).not.toBe('error');
    });
  });

  it('pauses a process killed while it waits: approved afterwards, --resume runs the call', processes, async () => {
    const store = newStore();
    // Node itself (not npx) is the child, so the kill reaches the process that holds the run.
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/agentlab.ts', 'run', ...deleteGoal, '--store', store, '--wait-for-approval'], { cwd: repositoryRoot, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const approvalId = await waitForPending(store);
    // Killed once it waits: the run is paused in the store by then.
    while (withStore(store, (opened) => opened.agentRuns.get(opened.approvals.get(approvalId)!.runId)!.status) !== 'awaiting_approval') await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await exited;
    const { runId, sandbox } = withStore(store, (opened) => {
      const approval = opened.approvals.get(approvalId)!;
      const run = opened.agentRuns.get(approval.runId)!;
      expect(run.status).toBe('awaiting_approval');
      return { runId: run.id, sandbox: String(run.settings.sandbox) };
    });
    expect((await runRecorded(['approvals', 'approve', approvalId, '--store', store])).exitCode).toBe(0);
    const resumed = await agentlab(['run', '--resume', runId, '--store', store]);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('I deleted old-report.txt.');
    expect(await exists(sandbox)).toBe(false);
    // The killed process never ended its root or tool span, but the pause reached the trace before it died.
    withStore(store, (opened) => {
      const spans = opened.spans(opened.agentRuns.get(runId)!.traceId!);
      const pause = spans.find((span) => span.name === 'await_approval delete_file');
      expect(pause?.events[0]).toMatchObject({ name: 'agentlab.approval.requested', attributes: { 'agentlab.approval.id': approvalId } });
      const ran = spans.find((span) => span.name === 'execute_tool delete_file' && span.attributes['agentlab.approval.status'] === 'approved');
      expect(ran?.events[0]).toMatchObject({ name: 'agentlab.approval.decided' });
    });
  });

  it('asks about a tool the config sets to required, and never about one it sets to never', async () => {
    const store = newStore();
    const config = path.join(directory, 'approvals.config.yaml');
    await writeFile(config, 'approvals:\n  tools:\n    write_file: required\n    delete_file: never\n');
    const written = await runRecorded(['run', 'react', 'Write "hello" to hello.txt', '--model', 'sim:oracle', '--latency', 'zero', '--store', store, '--config', config]);
    expect(written.exitCode).toBe(3);
    const { sandbox } = pausedIds(written.output);
    expect(written.output).toContain('awaiting approval: write_file {"path":"hello.txt","content":"hello"}');
    await rm(sandbox, { recursive: true, force: true });
    const deleted = await runRecorded(['run', ...deleteGoal, '--store', store, '--config', config]);
    expect(deleted.exitCode).toBe(0);
    expect(deleted.output).toContain('I deleted old-report.txt.');
  });

  it('tells the model about a rejection with who and why, and the answer says so', async () => {
    const store = newStore();
    const paused = await runRecorded(['run', ...deleteGoal, '--store', store]);
    expect(paused.exitCode).toBe(3);
    const { runId, approvalId, sandbox } = pausedIds(paused.output);
    expect((await runRecorded(['approvals', 'reject', approvalId, '--reason', 'keep it until the audit', '--by', 'bo', '--store', store])).exitCode).toBe(0);
    const resumed = await runRecorded(['run', '--resume', runId, '--store', store, '--json']);
    expect(resumed.exitCode).toBe(0);
    const result = JSON.parse(resumed.output) as AgentResult & { runId: string };
    expect(result.runId).toBe(runId);
    expect(result.steps.find((step) => step.type === 'tool_call')).toMatchObject({ ok: false, approved: false, errorCode: 'approval_rejected', result: 'Error: the call to delete_file was rejected by bo: keep it until the audit' });
    expect(result.output).toContain('rejected by bo: keep it until the audit');
    expect(await exists(sandbox)).toBe(false);
  });

  it('runs the approved call once when two resumes race: one goes on, the other is refused', processes, async () => {
    const store = newStore();
    const { runId, approvalId, sandbox } = pausedIds((await runRecorded(['run', ...deleteGoal, '--store', store])).output);
    await runRecorded(['approvals', 'approve', approvalId, '--store', store]);
    const [first, second] = await Promise.all([agentlab(['run', '--resume', runId, '--store', store]), agentlab(['run', '--resume', runId, '--store', store])]);
    expect([first.exitCode, second.exitCode].sort()).toEqual([0, 2]);
    const refused = first.exitCode === 2 ? first : second;
    expect(refused.stderr).toMatch(new RegExp(`Run ${runId} (is already being resumed by another process|cannot be resumed: it is running in another process|cannot be resumed: it has ended \\(completed\\))`));
    withStore(store, (opened) => {
      const journal = opened.agentRuns.get(runId)!.journal as RunJournalEntry[];
      expect(journal.filter((entry) => entry.type === 'tool_result' && entry.step.tool === 'delete_file')).toHaveLength(1);
      const run = opened.agentRuns.get(runId)!;
      expect(run.status).toBe('completed');
      // One deletion ran: one execute_tool span carries the approval, and it succeeded.
      const ran = opened.spans(run.traceId!).filter((span) => span.name === 'execute_tool delete_file' && span.attributes['agentlab.approval.status'] === 'approved');
      expect(ran).toHaveLength(1);
      expect(ran[0]!.status.code).not.toBe('error');
    });
    expect(await exists(sandbox)).toBe(false);
  });

  it('with --wait-for-approval, waits and goes on by itself when the call is approved from another connection', async () => {
    const store = newStore();
    const context = recordingContext();
    const running = runCli(['run', ...deleteGoal, '--store', store, '--wait-for-approval', '--keep-sandbox'], context);
    const approvalId = await waitForPending(store);
    withStore(store, (opened) => opened.approvals.decide(approvalId, { decision: 'approved', by: 'ana', at: Date.now() }));
    expect(await running).toBe(0);
    expect(context.errorOutput).toContain(`waits for approval ${approvalId}: delete_file {"path":"old-report.txt"} (react).`);
    expect(context.errorOutput).toContain(`agentlab approvals approve ${approvalId}`);
    expect(context.errorOutput).toContain(`Approval ${approvalId} was approved by ana at `);
    expect(context.output).toContain('I deleted old-report.txt.');
    const sandbox = /^sandbox +(.+) \(kept\)$/m.exec(context.output)![1]!;
    expect(await exists(path.join(sandbox, 'old-report.txt'))).toBe(false);
    await rm(sandbox, { recursive: true, force: true });
  });

  it('at a terminal whose input ends, watches the store, so a decision made elsewhere still counts', async () => {
    const store = newStore();
    const context = recordingContext({ interactive: true, input: '' });
    const running = runCli(['run', ...deleteGoal, '--store', store], context);
    const approvalId = await waitForPending(store);
    withStore(store, (opened) => opened.approvals.decide(approvalId, { decision: 'rejected', by: 'bo', at: Date.now(), reason: 'not today' }));
    expect(await running).toBe(0);
    expect(context.errorOutput).toContain('Allow delete_file {"path":"old-report.txt"}? [y/N]');
    expect(context.errorOutput).toContain('The terminal input ended; waiting for a decision');
    expect(context.output).toContain('rejected by bo: not today');
  });

  it('leaves the run awaiting approval when stopped while waiting (exit 3), and it can be resumed later', async () => {
    const store = newStore();
    const context = recordingContext();
    const running = runCli(['run', ...deleteGoal, '--store', store, '--wait-for-approval'], context);
    const approvalId = await waitForPending(store);
    while (!context.errorOutput.includes('Waiting for the decision')) await new Promise((resolve) => setTimeout(resolve, 10));
    context.stop();
    expect(await running).toBe(3);
    expect(context.errorOutput).toContain('the run stays awaiting approval');
    const { runId } = pausedIds(context.output);
    // Resumed while the approval is still pending, with --wait-for-approval: it waits again, then goes on.
    const later = recordingContext();
    const resuming = runCli(['run', '--resume', runId, '--store', store, '--wait-for-approval'], later);
    while (!later.errorOutput.includes('Waiting for the decision')) await new Promise((resolve) => setTimeout(resolve, 10));
    withStore(store, (opened) => opened.approvals.decide(approvalId, { decision: 'approved', by: 'ana', at: Date.now() }));
    expect(await resuming).toBe(0);
    expect(later.output).toContain('I deleted old-report.txt.');
  });

  describe('--resume asked wrongly exits 2, saying why', () => {
    let store: string;
    let paused: { runId: string; approvalId: string; sandbox: string };
    beforeAll(async () => {
      store = newStore();
      paused = pausedIds((await runRecorded(['run', ...deleteGoal, '--store', store])).output);
    });
    afterAll(() => rm(paused.sandbox, { recursive: true, force: true }));

    const refused = async (arguments_: readonly string[], options: RecordingOptions = {}) => {
      const result = await runRecorded(['run', ...arguments_, '--store', store], options);
      expect(result.exitCode).toBe(2);
      return result.errorOutput;
    };

    it('with an agent and a goal, without either, or with a setting the run keeps', async () => {
      expect(await refused(['react', 'Delete old-report.txt', '--resume', paused.runId])).toContain('--resume continues a recorded run with its own agent and goal: give the run id alone.');
      expect(await refused(['react'])).toContain('give the agent and the goal');
      expect(await refused(['--resume', paused.runId, '--model', 'sim:weak', '--allow', 'read'])).toContain('--resume keeps the settings the run began with: drop --model, --allow.');
    });

    it('for a run that does not exist, or whose approval is still pending', async () => {
      expect(await refused(['--resume', 'zzzz'])).toContain('No agent run has the id "zzzz"');
      const pending = await refused(['--resume', paused.runId]);
      expect(pending).toContain(`Run ${paused.runId} cannot be resumed yet: approval ${paused.approvalId} (delete_file {"path":"old-report.txt"}) is still pending.`);
      expect(pending).toContain(`agentlab approvals approve ${paused.approvalId}`);
      expect(pending).toContain('or resume with --wait-for-approval');
    });

    it('for a run whose journal cannot be replayed', async () => {
      withStore(store, (opened) => {
        const settings = opened.agentRuns.get(paused.runId)!.settings;
        const run = opened.agentRuns.create({ id: 'garbled', agent: 'react', goal: 'Delete old-report.txt', model: 'sim:oracle', settings, startedAt: 1 });
        opened.agentRuns.pause(run.id, run.claim, [{ type: 'postcard' }], 2);
      });
      expect(await refused(['--resume', 'garbled'])).toContain("Run garbled cannot be resumed: the run's journal cannot be replayed: entry 1 is not a model reply, model failure or tool result.");
      expect(withStore(store, (opened) => opened.agentRuns.get('garbled')?.status)).toBe('awaiting_approval');
    });

    it('for a run that has ended', async () => {
      const finished = await runRecorded(['run', 'react', 'Who created Python?', '--model', 'sim:oracle', '--latency', 'zero', '--store', store]);
      const runId = /^run +(\w+)$/m.exec(finished.output)![1]!;
      expect(await refused(['--resume', runId])).toContain(`Run ${runId} cannot be resumed: it has ended (completed); only a run awaiting approval, or interrupted (its process gone), can be.`);
    });
  });
});
