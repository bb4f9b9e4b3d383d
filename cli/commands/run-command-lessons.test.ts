// `agentlab run` and the human review loop, in-process on store files of their own: a reviewer's lesson
// goes into the system prompt of a run with a similar goal (and onto its root span), not with
// --no-lessons and not for an unrelated goal; a resumed run keeps the lessons it began with; a run whose
// model calls spent their retries waits in the review queue with its error report.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentResult } from '../../agents/index.js';
import { openStore } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-run-lessons-'));
afterAll(() => rm(directory, { recursive: true, force: true }));
const lesson = '"Tally" means add up: use the calculator.';

/** A store whose review queue held one tally answer, corrected with the lesson. */
async function storeWithLesson(name: string): Promise<string> {
  const file = path.join(directory, `${name}.db`);
  const store = openStore(file);
  const review = store.reviews.add({ kind: 'low_confidence', runId: 'run-1', caseId: 'tally-18-27-41', epoch: 1, agent: 'react', model: 'sim:weak', goal: 'Tally 18, 27 and 41', answer: 'I do not have enough information to answer.', steps: '1 model call', createdAt: 1 });
  store.close();
  const corrected = await runRecorded(['reviews', 'correct', review.id, '--answer', '86', '--note', lesson, '--store', file], { cwd: directory });
  expect(corrected.exitCode, corrected.errorOutput).toBe(0);
  return file;
}

const run = (store: string, goal: string, ...flags: string[]) =>
  runRecorded(['run', 'react', goal, '--model', 'sim:oracle', '--latency', 'zero', '--seed', '1', '--no-episodes', '--store', store, ...flags], { cwd: directory });

describe('agentlab run with lessons', () => {
  it('gives a run with a similar goal the lesson, says so, and records it on the root span; --no-lessons and unrelated goals go without', async () => {
    const store = await storeWithLesson('taught');
    const taught = await run(store, 'Tally 5, 20, 40 and 80', '--capture-content');
    expect(taught.exitCode, taught.errorOutput).toBe(0);
    expect(taught.output).toContain('5 + 20 + 40 + 80 = 145.');
    expect(taught.errorOutput).toContain(`Lessons from similar past tasks (namespace default, episodes 1; --no-lessons leaves them out):\n  - ${lesson}\n`);
    const traceId = /trace +([0-9a-f]{32})/.exec(taught.output)![1]!;
    const opened = openStore(store);
    try {
      const root = opened.spans(traceId).find((span) => span.parentSpanId === undefined)!;
      expect(root.events.find((event) => event.name === 'agentlab.lessons')?.attributes).toEqual({
        'agentlab.lessons.count': 1,
        'agentlab.lessons.episode_ids': [1],
        'agentlab.lessons.namespace': 'default',
        'agentlab.lessons.texts': [lesson],
      });
    } finally {
      opened.close();
    }

    const without = await run(store, 'Tally 5, 20, 40 and 80', '--no-lessons', '--json', '--quiet');
    expect((JSON.parse(without.output) as AgentResult).output).toContain('I do not have enough information');
    const unrelated = await run(store, 'Who created Python?');
    expect(unrelated.exitCode).toBe(0);
    expect(unrelated.errorOutput).not.toContain('Lessons from similar past tasks');
    const elsewhere = await run(store, 'Tally 5, 20, 40 and 80', '--memory-namespace', 'other', '--json', '--quiet');
    expect((JSON.parse(elsewhere.output) as AgentResult).output).toContain('I do not have enough information');
  });

  it('a run that pauses at an approval gate resumes with the lessons it began with; --resume refuses --no-lessons', async () => {
    const store = await storeWithLesson('resumed');
    const paused = await run(store, 'Tally 18, 27 and 41 and delete old-report.txt');
    expect(paused.exitCode, paused.errorOutput).toBe(3);
    const runId = /Run ([0-9a-f]{8}) is awaiting approval/.exec(paused.output)![1]!;
    const approvalId = /\(approval ([0-9a-f]+)\)/.exec(paused.output)![1]!;
    expect((await runRecorded(['approvals', 'approve', approvalId, '--store', store], { cwd: directory })).exitCode).toBe(0);
    expect((await runRecorded(['run', '--resume', runId, '--no-lessons', '--store', store], { cwd: directory })).exitCode).toBe(2);
    const resumed = await runRecorded(['run', '--resume', runId, '--store', store, '--json', '--quiet'], { cwd: directory });
    expect(resumed.exitCode, resumed.errorOutput).toBe(0);
    const result = JSON.parse(resumed.output) as AgentResult;
    expect(result.output).toContain('18 + 27 + 41 = 86.');
    expect(result.output).toContain('I deleted old-report.txt.');
  });
});

describe('agentlab run against an endpoint that keeps failing', () => {
  it('puts the run in the review queue as retries_exhausted with what failed, how often and the last errors', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    writeFileSync(path.join(directory, 'dead.yaml'), `models:\n  local:\n    baseURL: http://127.0.0.1:${port}/v1\n    model: oracle\n`);
    const store = path.join(directory, 'dead.db');
    const failed = await runRecorded(['run', 'react', 'Who created Python?', '--model', 'local', '-c', 'dead.yaml', '--no-memory', '--store', store], { cwd: directory });
    expect(failed.exitCode).toBe(1);
    const opened = openStore(store);
    try {
      const [review, ...others] = opened.reviews.list();
      expect(others).toEqual([]);
      expect(failed.errorOutput).toContain(`The run spent its retries (3 tries); it waits for review as ${review!.id}: agentlab reviews list`);
      expect(review).toMatchObject({ kind: 'retries_exhausted', status: 'pending', agent: 'react', model: 'local', goal: 'Who created Python?' });
      expect(opened.agentRuns.get(review!.runId)).toMatchObject({ status: 'error' });
      expect(review!.errorReport).toMatchObject({ code: 'model_call_failed', attempts: 3 });
      expect(review!.errorReport!.lastErrors).toEqual([1, 2, 3].map((attempt) => `attempt ${attempt}: connection refused: http://127.0.0.1:${port}/v1/chat/completions`));
    } finally {
      opened.close();
    }
  });
});
