// A store for the tests of the approvals and reviews pages and their API: a real SQLite file in a
// temp folder holding agent runs paused at approval gates (two calls waiting, one approved, one
// rejected for a run that has since ended), and a review queue (a low-confidence answer and a task
// that spent its retries, both waiting, from an eval run; a correction and a rejection, decided).
// Goals, arguments, contexts and answers carry markup, which every page must show as text.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../store/index.js';
import type { ApprovalRecord, ReviewRecord, Store } from '../store/index.js';

export const hostileText = '<script>alert("decide")</script>';
/** The fixture's clock: every record is dated before it. */
export const fixtureNow = Date.UTC(2026, 2, 4, 12, 0);
const minute = 60_000;
export const fixtureTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';

export interface HumanLoopFixture {
  directory: string;
  storePath: string;
  store: Store;
  approvals: {
    /** Waiting three hours: the oldest. */
    oldest: ApprovalRecord;
    /** Waiting ten minutes, its goal, arguments and context hostile. */
    newest: ApprovalRecord;
    approved: ApprovalRecord;
    /** Rejected, and its run has ended since. */
    rejected: ApprovalRecord;
  };
  reviews: {
    lowConfidence: ReviewRecord;
    retriesExhausted: ReviewRecord;
    corrected: ReviewRecord;
    rejected: ReviewRecord;
  };
  cleanUp(): Promise<void>;
}

function pausedRun(store: Store, id: string, goal: string, startedAt: number, call: { callId: string; tool: string; permission: string; arguments: Record<string, unknown>; context: string; agent?: string }): ApprovalRecord {
  const run = store.agentRuns.create({ id, agent: 'react', goal, model: 'sim:strong', settings: {}, startedAt });
  const approval = store.approvals.request({ runId: id, agent: call.agent ?? 'react', goal, requestedAt: startedAt + 1_000, ...call });
  store.agentRuns.pause(id, run.claim, [], startedAt + 1_000);
  return approval;
}

/** A fresh store in a fresh temp folder; cleanUp closes and removes both. */
export async function humanLoopFixture(): Promise<HumanLoopFixture> {
  const directory = await mkdtemp(path.join(tmpdir(), 'agentlab-decisions-'));
  const storePath = path.join(directory, 'agentlab.db');
  const store = openStore(storePath);

  const oldest = pausedRun(store, 'run-old', 'Delete old-report.txt from the sandbox', fixtureNow - 180 * minute - 1_000, {
    callId: 'call_1',
    tool: 'delete_file',
    permission: 'destructive',
    arguments: { path: 'old-report.txt' },
    context: 'user: Delete old-report.txt from the sandbox\nassistant: I will delete it.',
  });
  const newest = pausedRun(store, 'run-new', `Clean up ${hostileText}`, fixtureNow - 10 * minute - 1_000, {
    callId: 'call_9',
    tool: 'write_file',
    permission: 'destructive',
    arguments: { path: 'notes.md', content: hostileText },
    context: `user: Clean up ${hostileText}`,
    agent: 'executor',
  });
  const toApprove = pausedRun(store, 'run-approved', 'Delete draft.txt', fixtureNow - 300 * minute, {
    callId: 'call_2',
    tool: 'delete_file',
    permission: 'destructive',
    arguments: { path: 'draft.txt' },
    context: 'user: Delete draft.txt',
  });
  store.agentRuns.setTrace('run-approved', fixtureTraceId, '00f067aa0ba902b7');
  const approved = store.approvals.decide(toApprove.id, { decision: 'approved', by: 'ana', at: fixtureNow - 200 * minute, reason: 'a draft, safe to remove' });
  const toReject = pausedRun(store, 'run-ended', 'Delete everything', fixtureNow - 400 * minute, {
    callId: 'call_3',
    tool: 'delete_file',
    permission: 'destructive',
    arguments: { path: '/' },
    context: 'user: Delete everything',
  });
  const rejected = store.approvals.decide(toReject.id, { decision: 'rejected', by: 'bo', at: fixtureNow - 390 * minute, reason: 'far too broad' });
  const claim = store.agentRuns.claim('run-ended', fixtureNow - 380 * minute)!;
  store.agentRuns.finish('run-ended', claim, { status: 'completed', output: 'I did not delete anything.', journal: [], at: fixtureNow - 379 * minute });

  // The eval runs two of the reviews come from (their result and case pages exist); agent-run-5's is an agent run's.
  for (const [id, startedAt] of [['eval-run-0', fixtureNow - 620 * minute], ['eval-run-1', fixtureNow - 140 * minute]] as const) {
    store.createRun({ id, startedAt, finishedAt: startedAt + minute, status: 'completed', datasetPath: 'golden.csv', datasetHash: 'fixture', plannedResults: 1, config: { agents: ['react'], models: ['sim:weak'], epochs: 1, concurrency: 1, seed: 1, caseTimeoutMs: 60_000 } });
  }
  const review = { agent: 'react', model: 'sim:weak', steps: '1. search_web("boiling point")\n2. answered' };
  const lowConfidence = store.reviews.add({
    ...review,
    kind: 'low_confidence',
    runId: 'eval-run-1',
    caseId: 'water',
    epoch: 1,
    goal: 'What is the boiling point of water at sea level?',
    answer: `About 90 °C ${hostileText}`,
    confidence: 0.42,
    reasoning: 'The answer contradicts the search result.',
    traceId: fixtureTraceId,
    createdAt: fixtureNow - 120 * minute,
  });
  const retriesExhausted = store.reviews.add({
    ...review,
    kind: 'retries_exhausted',
    runId: 'eval-run-1',
    caseId: 'math',
    epoch: 1,
    goal: `Calculate 17 * 23 ${hostileText}`,
    answer: '',
    errorReport: { code: 'model_error', message: 'The model endpoint answered 500.', attempts: 3, lastErrors: ['500 Internal Server Error', `502 Bad Gateway ${hostileText}`] },
    createdAt: fixtureNow - 30 * minute,
  });
  const toCorrect = store.reviews.add({ ...review, kind: 'low_confidence', runId: 'eval-run-0', caseId: 'python', goal: 'Who created Python?', answer: 'James Gosling', confidence: 0.3, reasoning: 'unsure', createdAt: fixtureNow - 600 * minute });
  store.reviews.decide(toCorrect.id, { action: 'corrected', by: 'ana', at: fixtureNow - 500 * minute, note: 'Python was created by Guido van Rossum.', correction: 'Guido van Rossum' });
  store.reviews.setEpisode(toCorrect.id, 7);
  const corrected = store.reviews.get(toCorrect.id)!;
  const toReject2 = store.reviews.add({ ...review, kind: 'low_confidence', runId: 'agent-run-5', caseId: 'summary', goal: 'Summarise the report', answer: 'It is fine.', confidence: 0.5, createdAt: fixtureNow - 700 * minute });
  const rejectedReview = store.reviews.decide(toReject2.id, { action: 'rejected', by: 'bo', at: fixtureNow - 450 * minute, note: `too vague ${hostileText}` });

  return {
    directory,
    storePath,
    store,
    approvals: { oldest, newest, approved, rejected },
    reviews: { lowConfidence, retriesExhausted, corrected, rejected: rejectedReview },
    cleanUp: async () => {
      store.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
