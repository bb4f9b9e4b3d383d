// The contract of agent runs, approvals and the review queue on every backend: two stores race to
// decide and to resume and exactly one wins each time, a gated call is recorded once, the queue keeps
// its order and counts, and a cell is queued once however many writers add it at the same moment.
import { expect, it } from 'vitest';
import type { ContractStore } from './contract-backends.js';
import { forEachBackend } from './contract-suite.js';

async function pausedRun(store: ContractStore): Promise<{ runId: string; approvalId: string }> {
  const run = await store.agentRuns.create({ id: 'run-1', agent: 'react', goal: 'Delete old-report.txt', model: 'sim:strong', settings: { allow: ['read'] }, startedAt: 1000 });
  expect(run.status).toBe('running');
  const approval = await store.approvals.request({
    runId: run.id, callId: 'call_1', agent: 'react', tool: 'delete_file', permission: 'destructive', arguments: { path: 'old-report.txt' }, goal: run.goal, context: 'user: Delete old-report.txt', requestedAt: 1100,
  });
  expect(await store.agentRuns.pause(run.id, run.claim, [{ type: 'model_call' }], 1100)).toBe(true);
  return { runId: run.id, approvalId: approval.id };
}

const review = { kind: 'low_confidence' as const, runId: 'eval-1', caseId: 'tally-1', epoch: 1, agent: 'react', model: 'sim:weak', goal: 'Tally 17 and 23', answer: 'I do not know.', confidence: 0.2, reasoning: 'vague', steps: '1 model call', createdAt: 100 };

forEachBackend((context) => {
  it('lets exactly one of two deciders decide, and tells the other who did', async () => {
    const [first, second] = [context.store, await context.open()];
    const { approvalId } = await pausedRun(first);
    expect(await first.approvals.decide(approvalId, { decision: 'approved', by: 'ana', at: 2000, reason: 'fine' })).toMatchObject({ status: 'approved', decidedBy: 'ana', decidedAt: 2000, reason: 'fine' });
    await expect(second.approvals.decide(approvalId, { decision: 'rejected', by: 'bo', at: 2001 })).rejects.toThrow(/already approved by ana/);
    expect((await second.approvals.get(approvalId))?.status).toBe('approved');
  });

  it('lets one resumer claim a paused run, refuses the second, and runs an approved call once', async () => {
    const [first, second] = [context.store, await context.open()];
    const { runId, approvalId } = await pausedRun(first);
    expect(await second.agentRuns.get(runId)).toMatchObject({ status: 'awaiting_approval', journal: [{ type: 'model_call' }], settings: { allow: ['read'] } });
    const claims = await Promise.all([first.agentRuns.claim(runId, 3000), second.agentRuns.claim(runId, 3001)]);
    expect(claims.filter((claim) => claim !== undefined)).toEqual([2]);
    await first.approvals.decide(approvalId, { decision: 'approved', by: 'ana', at: 2999 });
    const executed = await Promise.all([first.approvals.markExecuted(approvalId, 3002), second.approvals.markExecuted(approvalId, 3003)]);
    expect(executed.filter(Boolean).length).toBe(1);
    expect(await second.agentRuns.finish(runId, 1, { status: 'completed', output: 'stale', journal: [], at: 3004 })).toBe(false);
    expect(await first.agentRuns.finish(runId, 2, { status: 'completed', output: 'I deleted old-report.txt.', journal: [], at: 3005 })).toBe(true);
    expect(await first.agentRuns.get(runId)).toMatchObject({ status: 'completed', output: 'I deleted old-report.txt.', finishedAt: 3005 });
    await first.agentRuns.setTrace(runId, 'trace-a', 'span-a');
    await first.agentRuns.setTrace(runId, 'trace-b', 'span-b');
    expect(await first.agentRuns.get(runId)).toMatchObject({ traceId: 'trace-a', rootSpanId: 'span-a' });
    expect((await first.agentRuns.list({ limit: 5 })).map((run) => run.id)).toEqual(['run-1']);
  });

  it('refuses to decide for a run that has ended, an approval that does not exist, and an ambiguous prefix', async () => {
    const { store } = context;
    const { runId, approvalId } = await pausedRun(store);
    const claim = (await store.agentRuns.claim(runId, 3000))!;
    await store.agentRuns.finish(runId, claim, { status: 'error', output: '', error: { code: 'aborted', message: 'stopped' }, journal: [], at: 3001 });
    await expect(store.approvals.decide(approvalId, { decision: 'approved', by: 'ana', at: 3002 })).rejects.toThrow(/already ended \(error\)/);
    expect((await store.approvals.get(approvalId))?.status).toBe('pending');
    await expect(store.approvals.resolveId('zz')).rejects.toThrow(/No approval has the id "zz"/);
    await expect(store.approvals.decide('zz', { decision: 'approved', by: 'ana', at: 1 })).rejects.toMatchObject({ code: 'AGENTLAB_APPROVAL_NOT_FOUND' });
    expect(await store.approvals.resolveId(approvalId.slice(0, 3))).toBe(approvalId);
    expect(await store.agentRuns.resolveId('run')).toBe('run-1');
    await store.agentRuns.create({ id: 'run-2', agent: 'react', goal: 'g', model: 'm', settings: {}, startedAt: 1 });
    await expect(store.agentRuns.resolveId('run')).rejects.toMatchObject({ code: 'AGENTLAB_ID_AMBIGUOUS' });
  });

  it('records the same gated call once, counts the calls that wait, and lists them in either order', async () => {
    const { store } = context;
    const { runId, approvalId } = await pausedRun(store);
    const again = await store.approvals.request({ runId, callId: 'call_1', agent: 'react', tool: 'delete_file', permission: 'destructive', arguments: {}, goal: 'x', context: '', requestedAt: 5000 });
    expect(again).toMatchObject({ id: approvalId, requestedAt: 1100, arguments: { path: 'old-report.txt' } });
    const later = await store.approvals.request({ runId, callId: 'call_2', agent: 'react', tool: 'write_file', permission: 'destructive', arguments: {}, goal: 'x', context: '', requestedAt: 1200 });
    expect(await store.approvals.pendingCount()).toBe(2);
    expect((await store.approvals.list({ status: 'pending' })).map((approval) => approval.id)).toEqual([later.id, approvalId]);
    expect((await store.approvals.list({ status: 'pending', oldestFirst: true, limit: 1 })).map((approval) => approval.id)).toEqual([approvalId]);
    await store.approvals.decide(approvalId, { decision: 'approved', by: 'ana', at: 2000 });
    expect(await store.approvals.pendingCount()).toBe(1);
    expect((await store.approvals.list({ runId })).map((approval) => approval.status)).toEqual(['pending', 'approved']);
  });

  it('keeps the review queue oldest first with its length and age, and decides each entry once', async () => {
    const { store } = context;
    const older = await store.reviews.add(review);
    const newer = await store.reviews.add({ ...review, caseId: 'tally-2', createdAt: 200, kind: 'retries_exhausted', errorReport: { code: 'model_call_failed', message: 'down', attempts: 3, lastErrors: ['503', '503', '503'] } });
    expect((await store.reviews.list({ status: 'pending' })).map((entry) => entry.id)).toEqual([older.id, newer.id]);
    expect(await store.reviews.stats()).toEqual({ pending: 2, decided: 0, oldestPendingAt: 100 });
    expect((await store.reviews.get(newer.id))?.errorReport?.lastErrors).toHaveLength(3);
    await expect(store.reviews.decide(older.id, { action: 'corrected', by: 'ana', at: 300 })).rejects.toThrow(/needs the corrected answer/);
    expect(await store.reviews.decide(older.id, { action: 'corrected', by: 'ana', at: 300, correction: '17 + 23 = 40.', note: '"Tally" means add up.' })).toMatchObject({ status: 'corrected', correction: '17 + 23 = 40.', decidedBy: 'ana' });
    await expect(store.reviews.decide(older.id, { action: 'accepted', by: 'bo', at: 301 })).rejects.toThrow(/already corrected by ana/);
    expect(await store.reviews.stats()).toEqual({ pending: 1, decided: 1, oldestPendingAt: 200 });
    expect(await store.reviews.pendingCount()).toBe(1);
    expect((await store.reviews.list()).map((entry) => entry.id)).toEqual([newer.id, older.id]);
    expect((await store.reviews.list({ limit: 1, offset: 1 })).map((entry) => entry.id)).toEqual([older.id]);
    await store.reviews.setEpisode(older.id, 7);
    expect((await store.reviews.get(older.id))?.episodeId).toBe(7);
    const many = await store.reviews.addMany([{ ...review, caseId: 'm1' }, { ...review, caseId: 'm2', epoch: undefined }]);
    expect(many.map((entry) => entry.caseId)).toEqual(['m1', 'm2']);
    expect('epoch' in many[1]!).toBe(false);
  });

  it('queues a cell once per kind, even after it was decided and when several writers add it at once', async () => {
    const { store } = context;
    const others = [await context.open(), await context.open()];
    const added = await Promise.all([store, ...others].map((writer) => writer.reviews.addOnce(review)));
    expect(added.filter((entry) => entry !== undefined).length).toBe(1);
    const first = added.find((entry) => entry !== undefined)!;
    await store.reviews.decide(first.id, { action: 'accepted', by: 'ana', at: 300 });
    expect(await store.reviews.addOnce(review)).toBeUndefined();
    expect(await store.reviews.addOnce({ ...review, epoch: 2 })).toBeDefined();
    expect(await store.reviews.addOnce({ ...review, kind: 'retries_exhausted', errorReport: { code: 'model_call_failed', message: 'down', attempts: 3, lastErrors: ['503'] } })).toBeDefined();
    const { caseId: _caseId, epoch: _epoch, ...agentRunReview } = review;
    expect(await store.reviews.addOnce(agentRunReview)).toBeDefined();
    expect(await store.reviews.addOnce(agentRunReview)).toBeUndefined();
    expect((await store.reviews.list()).length).toBe(4);
  });
});
