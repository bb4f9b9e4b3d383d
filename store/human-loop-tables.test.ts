// Agent runs, approvals and reviews in a real store file: two processes' worth of connections race
// to decide and to resume, and exactly one wins each time.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import type { Store } from './sqlite-store.js';
import { temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
const opened: Store[] = [];

function open(path = join(directories.make(), 'agentlab.db')): Store {
  const store = openStore(path);
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  directories.removeAll();
});

function pausedRun(store: Store): { runId: string; approvalId: string } {
  const run = store.agentRuns.create({ id: 'run-1', agent: 'react', goal: 'Delete old-report.txt', model: 'sim:strong', settings: { allow: ['read'] }, startedAt: 1000 });
  expect(run.status).toBe('running');
  const approval = store.approvals.request({
    runId: run.id,
    callId: 'call_1',
    agent: 'react',
    tool: 'delete_file',
    permission: 'destructive',
    arguments: { path: 'old-report.txt' },
    goal: run.goal,
    context: 'user: Delete old-report.txt',
    requestedAt: 1100,
  });
  expect(store.agentRuns.pause(run.id, run.claim, [{ type: 'model_call' }], 1100)).toBe(true);
  return { runId: run.id, approvalId: approval.id };
}

describe('agent runs and approvals', () => {
  it('let exactly one of two deciders decide, and tell the other who did', () => {
    const path = join(directories.make(), 'agentlab.db');
    const first = open(path);
    const second = open(path);
    const { approvalId } = pausedRun(first);
    const decided = first.approvals.decide(approvalId, { decision: 'approved', by: 'ana', at: 2000, reason: 'fine' });
    expect(decided).toMatchObject({ status: 'approved', decidedBy: 'ana', decidedAt: 2000, reason: 'fine' });
    expect(() => second.approvals.decide(approvalId, { decision: 'rejected', by: 'bo', at: 2001 })).toThrow(/already approved by ana/);
    expect(second.approvals.get(approvalId)?.status).toBe('approved');
  });

  it('let one resumer claim a paused run and refuse the second', () => {
    const path = join(directories.make(), 'agentlab.db');
    const first = open(path);
    const second = open(path);
    const { runId, approvalId } = pausedRun(first);
    expect(second.agentRuns.get(runId)?.status).toBe('awaiting_approval');
    expect(second.agentRuns.get(runId)?.journal).toEqual([{ type: 'model_call' }]);
    const claim = first.agentRuns.claim(runId, 3000);
    expect(claim).toBe(2);
    expect(second.agentRuns.claim(runId, 3001)).toBeUndefined();
    first.approvals.decide(approvalId, { decision: 'approved', by: 'ana', at: 2999 });
    expect(first.approvals.markExecuted(approvalId, 3002)).toBe(true);
    expect(second.approvals.markExecuted(approvalId, 3003)).toBe(false);
    // The claim that lost cannot write; the winner finishes.
    expect(second.agentRuns.finish(runId, 1, { status: 'completed', output: 'stale', journal: [], at: 3004 })).toBe(false);
    expect(first.agentRuns.finish(runId, claim!, { status: 'completed', output: 'I deleted old-report.txt.', journal: [], at: 3005 })).toBe(true);
    expect(first.agentRuns.get(runId)).toMatchObject({ status: 'completed', output: 'I deleted old-report.txt.', finishedAt: 3005 });
  });

  it('refuse to decide for a run that has ended, an approval that does not exist, and an ambiguous prefix', () => {
    const store = open();
    const { runId, approvalId } = pausedRun(store);
    const claim = store.agentRuns.claim(runId, 3000)!;
    store.agentRuns.finish(runId, claim, { status: 'error', output: '', error: { code: 'aborted', message: 'stopped' }, journal: [], at: 3001 });
    expect(() => store.approvals.decide(approvalId, { decision: 'approved', by: 'ana', at: 3002 })).toThrow(/already ended \(error\)/);
    expect(store.approvals.get(approvalId)?.status).toBe('pending');
    expect(() => store.approvals.resolveId('zz')).toThrow(/No approval has the id "zz"/);
    expect(store.approvals.resolveId(approvalId.slice(0, 3))).toBe(approvalId);
    expect(store.agentRuns.resolveId('run')).toBe('run-1');
  });

  it('record the same gated call once, however often a replay asks for it', () => {
    const store = open();
    const { runId, approvalId } = pausedRun(store);
    const again = store.approvals.request({ runId, callId: 'call_1', agent: 'react', tool: 'delete_file', permission: 'destructive', arguments: {}, goal: 'x', context: '', requestedAt: 5000 });
    expect(again.id).toBe(approvalId);
    expect(again.requestedAt).toBe(1100);
    expect(store.approvals.list({ status: 'pending' }).map((approval) => approval.id)).toEqual([approvalId]);
  });

  it('count the calls that wait, and list them oldest first when asked (a page works the queue in that order)', () => {
    const store = open();
    const { runId, approvalId } = pausedRun(store);
    const later = store.approvals.request({ runId, callId: 'call_2', agent: 'react', tool: 'write_file', permission: 'destructive', arguments: {}, goal: 'x', context: '', requestedAt: 1200 });
    expect(store.approvals.pendingCount()).toBe(2);
    expect(store.approvals.list({ status: 'pending' }).map((approval) => approval.id)).toEqual([later.id, approvalId]);
    expect(store.approvals.list({ status: 'pending', oldestFirst: true, limit: 1 }).map((approval) => approval.id)).toEqual([approvalId]);
    store.approvals.decide(approvalId, { decision: 'approved', by: 'ana', at: 2000 });
    expect(store.approvals.pendingCount()).toBe(1);
  });
});

describe('the review queue', () => {
  const entry = { kind: 'low_confidence' as const, runId: 'eval-1', caseId: 'tally-1', epoch: 1, agent: 'react', model: 'sim:weak', goal: 'Tally 17 and 23', answer: 'I do not know.', confidence: 0.2, reasoning: 'vague', steps: '1 model call', createdAt: 100 };

  it('keeps pending entries oldest first with the queue length and age, and decides each once', () => {
    const store = open();
    const older = store.reviews.add(entry);
    const newer = store.reviews.add({ ...entry, caseId: 'tally-2', createdAt: 200, kind: 'retries_exhausted', errorReport: { code: 'model_call_failed', message: 'down', attempts: 3, lastErrors: ['503', '503', '503'] } });
    expect(store.reviews.list({ status: 'pending' }).map((review) => review.id)).toEqual([older.id, newer.id]);
    expect(store.reviews.stats()).toEqual({ pending: 2, decided: 0, oldestPendingAt: 100 });
    expect(store.reviews.get(newer.id)?.errorReport?.lastErrors).toHaveLength(3);
    expect(() => store.reviews.decide(older.id, { action: 'corrected', by: 'ana', at: 300 })).toThrow(/needs the corrected answer/);
    const corrected = store.reviews.decide(older.id, { action: 'corrected', by: 'ana', at: 300, correction: '17 + 23 = 40.', note: '"Tally" means add up.' });
    expect(corrected).toMatchObject({ status: 'corrected', correction: '17 + 23 = 40.', note: '"Tally" means add up.', decidedBy: 'ana' });
    expect(() => store.reviews.decide(older.id, { action: 'accepted', by: 'bo', at: 301 })).toThrow(/already corrected by ana/);
    expect(store.reviews.stats()).toEqual({ pending: 1, decided: 1, oldestPendingAt: 200 });
    expect(store.reviews.pendingCount()).toBe(1);
    store.reviews.setEpisode(older.id, 7);
    expect(store.reviews.get(older.id)?.episodeId).toBe(7);
  });
});

describe('adding to the review queue once per cell', () => {
  const entry = { kind: 'low_confidence' as const, runId: 'eval-2', caseId: 'tally-1', epoch: 1, agent: 'react', model: 'sim:weak', goal: 'Tally 17 and 23', answer: '40', confidence: 0.3, reasoning: 'unsure', steps: '1 model call', createdAt: 100 };

  it('adds an entry once for a run, case, agent, model, epoch and kind, even after it was decided', () => {
    const store = open();
    const first = store.reviews.addOnce(entry);
    expect(first).toMatchObject({ kind: 'low_confidence', status: 'pending', confidence: 0.3 });
    expect(store.reviews.addOnce({ ...entry, confidence: 0.1, createdAt: 200 })).toBeUndefined();
    store.reviews.decide(first!.id, { action: 'accepted', by: 'ana', at: 300 });
    expect(store.reviews.addOnce(entry)).toBeUndefined();
    // Another epoch, or another kind for the same cell, is another entry.
    expect(store.reviews.addOnce({ ...entry, epoch: 2 })).toBeDefined();
    expect(store.reviews.addOnce({ ...entry, kind: 'retries_exhausted', errorReport: { code: 'model_call_failed', message: 'down', attempts: 3, lastErrors: ['503'] } })).toBeDefined();
    expect(store.reviews.list().length).toBe(3);
  });
});
