// `agentlab approvals` on a real store file: listing with filters, deciding once (a second decider is
// told who won), and every refusal exiting 2 with nothing changed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type ApprovalRecord } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

let directory: string;
let store: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-approvals-'));
  store = path.join(directory, 'agentlab.db');
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** A run paused at a gated call, as agentlab run leaves it. */
function pausedRun(runId: string, tool: string, parameters: Record<string, unknown>): string {
  const opened = openStore(store);
  try {
    const run = opened.agentRuns.create({ id: runId, agent: 'react', goal: 'Tidy up', model: 'sim:oracle', settings: {}, startedAt: 1_000 });
    const approval = opened.approvals.request({ runId, callId: 'call_1', agent: 'react', tool, permission: 'destructive', arguments: parameters, goal: 'Tidy up', context: 'user: Tidy up', requestedAt: 2_000 });
    opened.agentRuns.pause(runId, run.claim, [], 2_000);
    return approval.id;
  } finally {
    opened.close();
  }
}

const approvals = (...arguments_: string[]) => runRecorded(['approvals', ...arguments_, '--store', store]);

describe('agentlab approvals', () => {
  let deletion: string;
  let email: string;
  beforeAll(() => {
    deletion = pausedRun('run-aaa', 'delete_file', { path: 'old-report.txt' });
    email = pausedRun('run-bbb', 'send_email', { to: 'priya@example.com' });
  });

  it('lists pending calls with their run, agent and call, as a table or JSON, filtered by status and run', async () => {
    const table = await approvals('list');
    expect(table.exitCode).toBe(0);
    expect(table.output).toMatch(/^ID +STATUS +RUN +AGENT +REQUESTED \(UTC\) +DECIDED BY +CALL$/m);
    expect(table.output).toContain(`${deletion}  pending  run-aaa  react`);
    expect(table.output).toContain('delete_file {"path":"old-report.txt"}');
    const json = JSON.parse((await approvals('list', '--run', 'run-b', '--json')).output) as ApprovalRecord[];
    expect(json.map((approval) => approval.id)).toEqual([email]);
    expect((await approvals('list', '--status', 'approved')).output).toBe('No approvals.\n');
  });

  it('approves once, with who and why; a second decision exits 2 naming who decided and when', async () => {
    const approved = await approvals('approve', deletion.slice(0, 4), '--reason', 'obsolete', '--by', 'ana');
    expect(approved.exitCode).toBe(0);
    expect(approved.output).toMatch(new RegExp(`^Approval ${deletion} \\(delete_file \\{"path":"old-report.txt"\\}\\) approved by ana at \\S+Z: obsolete\\.$`, 'm'));
    expect(approved.output).toContain('agentlab run --resume run-aaa');
    const again = await approvals('reject', deletion, '--reason', 'changed my mind', '--by', 'bo');
    expect(again.exitCode).toBe(2);
    expect(again.errorOutput).toMatch(new RegExp(`error: Approval ${deletion} was already approved by ana at \\S+Z; nothing was changed\\.`));
    expect(JSON.parse((await approvals('list', '--status', 'approved', '--json')).output)).toMatchObject([{ id: deletion, decidedBy: 'ana', reason: 'obsolete' }]);
  });

  it('refuses a rejection without a reason, an unknown id, and a call whose run has ended', async () => {
    const unreasoned = await approvals('reject', email, '--reason', '  ');
    expect(unreasoned.exitCode).toBe(2);
    expect(unreasoned.errorOutput).toContain('a rejection needs --reason');
    expect((await approvals('reject', email)).exitCode).toBe(2);
    const unknown = await approvals('approve', 'ffffffff');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.errorOutput).toContain('No approval has the id "ffffffff"');
    const opened = openStore(store);
    try {
      const claim = opened.agentRuns.claim('run-bbb', 3_000)!;
      opened.agentRuns.finish('run-bbb', claim, { status: 'error', output: '', journal: [], at: 3_001 });
    } finally {
      opened.close();
    }
    const ended = await approvals('approve', email);
    expect(ended.exitCode).toBe(2);
    expect(ended.errorOutput).toContain(`belongs to run run-bbb, which has already ended (error); nothing was changed.`);
    expect(JSON.parse((await approvals('list', '--run', 'run-bbb', '--json')).output)).toMatchObject([{ status: 'pending' }]);
  });

  it('has --help with examples', async () => {
    for (const command of [['approvals', '--help'], ['approvals', 'reject', '--help']]) {
      const help = await runRecorded(command);
      expect(help.exitCode).toBe(0);
      expect(help.output).toContain('$ agentlab approvals');
    }
  });
});
