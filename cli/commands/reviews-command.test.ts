// `agentlab reviews list | accept | reject | correct | lesson` in-process against store files of their
// own, with the simulator's embeddings: the queue's length and age, what a decision prints and records,
// the exit codes of bad decisions (nothing changed), terminal-safe text, and a lesson whose embedding
// failed recorded later.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeEmbeddingEndpoint } from '../../agents/memory/test-support.js';
import { openStore, type NewReview, type ReviewRecord } from '../../store/index.js';
import { runRecorded } from '../test-support.js';
import { formatAge } from './reviews-command.js';

const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-reviews-command-'));
afterAll(() => rm(directory, { recursive: true, force: true }));
let stores = 0;
const lesson = '"Tally" means add up: use the calculator.';

const entry = (overrides: Partial<NewReview> = {}): NewReview => ({
  kind: 'low_confidence',
  runId: 'run-20261201-090000-abcdef',
  caseId: 'tally-18-27-41',
  epoch: 1,
  agent: 'react',
  model: 'sim:weak',
  goal: 'Tally 18, 27 and 41',
  answer: 'I do not have enough information to answer: Tally 18, 27 and 41',
  confidence: 0.37,
  steps: '1 model call, 0 tool calls',
  createdAt: Date.now() - 2 * 3_600_000 - 5 * 60_000,
  ...overrides,
});

/** A store file holding these entries, and the CLI bound to it. */
function storeWith(...entries: NewReview[]) {
  const file = path.join(directory, `store-${++stores}.db`);
  const store = openStore(file);
  const added = entries.map((each) => store.reviews.add(each));
  store.close();
  const read = <Value>(work: (opened: ReturnType<typeof openStore>) => Value): Value => {
    const opened = openStore(file);
    try {
      return work(opened);
    } finally {
      opened.close();
    }
  };
  return { file, added, read, cli: (...arguments_: string[]) => runRecorded(['reviews', ...arguments_, '--store', file], { cwd: directory }) };
}

describe('agentlab reviews list', () => {
  it('says how long the queue is and how long its oldest entry has waited, and lists pending entries oldest first', async () => {
    const { cli, added } = storeWith(entry(), entry({ caseId: 'tally-8-16-4', goal: 'Tally 8, 16 and 4', createdAt: Date.now() - 60_000 }));
    const listed = await cli('list');
    expect(listed.exitCode).toBe(0);
    expect(listed.output.split('\n')[0]).toMatch(/^Review queue: 2 pending, the oldest waiting 2 h 5 min \(since \d{4}-\d\d-\d\d \d\d:\d\d UTC\); 0 decided\.$/);
    const rows = listed.output.split('\n').slice(3, 5);
    expect(rows[0]).toMatch(new RegExp(`^${added[0]!.id} +low_confidence +pending +tally-18-27-41 #1 +react +sim:weak +0\\.37 .+Tally 18, 27 and 41 → I do not have`));
    expect(rows[1]).toContain(added[1]!.id);

    const json = JSON.parse((await cli('list', '--json')).output) as { queue: { pending: number; decided: number; oldestPendingAt: number; oldestPendingAgeMs: number }; reviews: ReviewRecord[] };
    expect(json.queue).toMatchObject({ pending: 2, decided: 0, oldestPendingAt: added[0]!.createdAt });
    expect(json.queue.oldestPendingAgeMs).toBeGreaterThanOrEqual(2 * 3_600_000 + 5 * 60_000);
    expect(json.reviews.map((review) => review.id)).toEqual(added.map((review) => review.id));
  });

  it('filters by status, and says when nothing waits', async () => {
    const { cli, added } = storeWith(entry(), entry({ caseId: 'other' }));
    await cli('accept', added[0]!.id, '--by', 'ana');
    expect((JSON.parse((await cli('list', '--status', 'accepted', '--json')).output) as { reviews: ReviewRecord[] }).reviews.map((review) => review.id)).toEqual([added[0]!.id]);
    await cli('accept', added[1]!.id);
    expect((await cli('list')).output).toBe('Review queue: nothing pending (2 decided).\n');
    expect((await cli('list', '--status', 'maybe')).exitCode).toBe(2);
  });

  it('shows goals and answers with their control characters made visible, never obeyed', async () => {
    const { cli } = storeWith(entry({ goal: 'Who created \u001b[31mPython?', answer: 'Guido\u0007', kind: 'retries_exhausted', errorReport: { code: 'model_call_failed', message: '\u001b]0;pwned\u0007 failed 3 times', attempts: 3, lastErrors: ['500'] } }));
    const listed = await cli('list');
    expect(listed.output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(listed.output).toContain('Who created \\x1b[31mPython? → model_call_failed: \\x1b]0;pwned\\x07');
  });
});

describe('agentlab reviews accept | reject | correct', () => {
  it('a correction records the note as a lesson in episodic memory, recalled for similar goals', async () => {
    const { cli, added, read } = storeWith(entry());
    const corrected = await cli('correct', added[0]!.id.slice(0, 4), '--answer', '86', '--note', lesson, '--by', 'ana');
    expect(corrected).toMatchObject({ exitCode: 0, errorOutput: '' });
    expect(corrected.output).toBe(`Review ${added[0]!.id} (Tally 18, 27 and 41) corrected by ana.\nLesson recorded in episode 1 (namespace default): ${lesson}\n`);
    read((store) => {
      expect(store.reviews.get(added[0]!.id)).toMatchObject({ status: 'corrected', decidedBy: 'ana', correction: '86', note: lesson, episodeId: 1 });
      expect(store.episodes.get(1)).toMatchObject({ namespace: 'default', goal: 'Tally 18, 27 and 41', lesson, embeddingModel: 'sim:strong' });
    });
  });

  it('a rejection goes to the namespace named, with --json; an acceptance records no episode and --by defaults to the user', async () => {
    const { cli, added, read } = storeWith(entry(), entry({ caseId: 'b' }));
    const rejected = JSON.parse((await cli('reject', added[0]!.id, '--note', 'Add the numbers up.', '--memory-namespace', 'team', '--json')).output) as { review: ReviewRecord; episode: { namespace: string; lesson: string } };
    expect(rejected.review.status).toBe('rejected');
    expect(rejected.episode).toMatchObject({ namespace: 'team', lesson: 'Add the numbers up.' });
    const accepted = await cli('accept', added[1]!.id);
    expect(accepted.output).toMatch(new RegExp(`^Review ${added[1]!.id} \\(Tally 18, 27 and 41\\) accepted by \\S+\\.\\n$`));
    read((store) => {
      expect(store.reviews.get(added[1]!.id)!.decidedBy).not.toBe('');
      expect(store.episodes.list()).toHaveLength(1);
    });
  });

  it('exits 2 and changes nothing for an unknown id, a second decision (naming who decided), a rejection without a note, a correction without an answer', async () => {
    const { cli, added, read } = storeWith(entry(), entry({ caseId: 'b' }));
    const unknown = await cli('accept', 'zzzz');
    expect(unknown).toMatchObject({ exitCode: 2, errorOutput: 'error: No review has the id "zzzz" or an id starting with it: agentlab reviews list shows them.\n' });
    await cli('reject', added[0]!.id, '--note', 'Wrong.', '--by', 'ana');
    const again = await cli('correct', added[0]!.id, '--answer', '86', '--by', 'ben');
    expect(again.exitCode).toBe(2);
    expect(again.errorOutput).toMatch(new RegExp(`^error: Review ${added[0]!.id} was already rejected by ana at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z; nothing was changed\\.\\n$`));
    expect((await cli('reject', added[1]!.id)).exitCode).toBe(2);
    expect((await cli('reject', added[1]!.id, '--note', '  ')).errorOutput).toContain('a rejection needs --note');
    expect((await cli('correct', added[1]!.id)).exitCode).toBe(2);
    expect(await cli('correct', added[1]!.id, '--answer', ' ')).toMatchObject({ exitCode: 2, errorOutput: 'error: a correction needs --answer "…": the right answer.\n' });
    read((store) => {
      expect(store.reviews.get(added[0]!.id)).toMatchObject({ status: 'rejected', decidedBy: 'ana', note: 'Wrong.' });
      expect(store.reviews.get(added[1]!.id)!.status).toBe('pending');
      expect(store.episodes.list()).toHaveLength(1);
    });
  });

  it('when the embedding endpoint is down the decision stands (exit 1, how to retry), and reviews lesson records it later', async () => {
    const endpoint = await startFakeEmbeddingEndpoint(() => ({ status: 503, body: { error: { message: 'down for maintenance' } } }));
    try {
      const config = path.join(directory, `broken-${stores}.yaml`);
      writeFileSync(config, `models:\n  broken:\n    baseURL: ${endpoint.baseURL}\n    model: embedder\nmemory:\n  embeddingModel: broken\n  namespace: team\n`);
      const { cli, added, read } = storeWith(entry());
      const corrected = await cli('correct', added[0]!.id, '--answer', '86', '--note', lesson, '-c', config);
      expect(corrected.exitCode).toBe(1);
      expect(corrected.errorOutput).toContain(`Review ${added[0]!.id} is corrected (the decision stands), but its lesson was not recorded`);
      expect(corrected.errorOutput).toContain(`agentlab reviews lesson ${added[0]!.id}`);
      read((store) => expect(store.reviews.get(added[0]!.id)).toMatchObject({ status: 'corrected', correction: '86' }));

      const retried = await cli('lesson', added[0]!.id, '-c', config, '--embedding-model', 'sim:strong');
      expect(retried.exitCode, retried.errorOutput).toBe(0);
      expect(retried.output).toContain(`Lesson recorded in episode 1 (namespace team): ${lesson}`);
      expect((await cli('lesson', added[0]!.id)).errorOutput).toContain('already has its lesson in episode 1');
    } finally {
      await endpoint.close();
    }
  });
});

describe('formatAge', () => {
  it.each([
    [40_000, '40 s'],
    [12 * 60_000, '12 min'],
    [(2 * 60 + 5) * 60_000, '2 h 5 min'],
    [(3 * 24 + 4) * 3_600_000, '3 d 4 h'],
  ])('%i ms → %s', (milliseconds, shown) => expect(formatAge(milliseconds)).toBe(shown));
});
