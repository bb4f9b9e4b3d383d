// Deciding reviews against a real store file and the simulator's embeddings: corrections and
// rejections become episodes with lessons, acceptances do not, a second decision is refused naming
// the first decider, and a failed embedding keeps the decision and can be retried.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewReview } from '../../store/index.js';
import { openMemory } from '../memory/index.js';
import type { EpisodicMemory } from '../memory/index.js';
import { createMemoryTestBed, startFakeEmbeddingEndpoint, type MemoryTestBed } from '../memory/test-support.js';
import { decideReview, recordReviewLesson } from './decide-review.js';

let bed: MemoryTestBed;
let episodic: EpisodicMemory;

const pending: NewReview = {
  kind: 'low_confidence',
  runId: 'run-1',
  caseId: 'tally-1',
  epoch: 1,
  agent: 'react',
  model: 'sim:weak',
  goal: 'Tally 17, 23 and 40',
  answer: 'I do not have enough information to answer.',
  confidence: 0.3,
  steps: '1 model call, 0 tool calls',
  createdAt: 500,
};

beforeEach(async () => {
  bed = createMemoryTestBed();
  episodic = (await openMemory({ store: bed.backend, provider: bed.provider, embeddingModel: 'sim:strong', now: () => 2_000 })).episodic;
});
afterEach(() => bed.close());

describe('decideReview', () => {
  it('a correction with a note records an episode whose lesson is the note, linked from the review', async () => {
    const { id } = bed.store.reviews.add(pending);
    const note = '"Tally" means add up: use the calculator.';
    const { review, episode } = await decideReview({ store: bed.backend, episodic, now: () => 1_000 }, id.slice(0, 6), { action: 'corrected', by: 'ana', correction: '80', note });
    expect(review).toMatchObject({ id, status: 'corrected', decidedBy: 'ana', decidedAt: 1_000, correction: '80', note, episodeId: episode!.id });
    expect(episode).toMatchObject({ namespace: 'default', goal: pending.goal, lesson: note, agent: 'react', model: 'sim:weak', runId: 'run-1', output: pending.answer });
    expect(episode!.outcome).toContain('corrected by ana');
    expect(bed.store.reviews.get(id)!.episodeId).toBe(episode!.id);
    const recalled = await episodic.recallEpisodes('Tally 5, 6 and 7', { withLessonsOnly: true });
    expect(recalled.map((entry) => entry.episode.lesson)).toEqual([note]);
  });

  it('without a note, a correction teaches the right answer and a rejection warns off the rejected one, in the namespace given', async () => {
    const corrected = bed.store.reviews.add(pending);
    const rejected = bed.store.reviews.add({ ...pending, caseId: 'tally-2', answer: 'The total is 12.' });
    const first = await decideReview({ store: bed.backend, episodic, namespace: 'team' }, corrected.id, { action: 'corrected', by: 'ana', correction: '80' });
    const second = await decideReview({ store: bed.backend, episodic, namespace: 'team' }, rejected.id, { action: 'rejected', by: 'ben' });
    expect(first.episode!.lesson).toBe('For a task like "Tally 17, 23 and 40", the right answer is "80".');
    expect(second.episode!.lesson).toContain('rejected the answer "The total is 12."');
    expect(bed.store.episodes.list({ namespace: 'team' })).toHaveLength(2);
    expect(bed.store.episodes.list({ namespace: 'default' })).toHaveLength(0);
  });

  it('an acceptance records no episode', async () => {
    const { id } = bed.store.reviews.add(pending);
    const { review, episode } = await decideReview({ store: bed.backend, episodic }, id, { action: 'accepted', by: 'ana', note: 'fine' });
    expect(review.status).toBe('accepted');
    expect(episode).toBeUndefined();
    expect(bed.store.episodes.list()).toEqual([]);
  });

  it('a second decision is refused naming who decided and when, and records nothing more', async () => {
    const { id } = bed.store.reviews.add(pending);
    await decideReview({ store: bed.backend, episodic, now: () => Date.UTC(2025, 0, 2) }, id, { action: 'rejected', by: 'ana', note: 'Wrong.' });
    const second = decideReview({ store: bed.backend, episodic }, id, { action: 'corrected', by: 'ben', correction: '80' });
    await expect(second).rejects.toMatchObject({ code: 'AGENTLAB_REVIEW_ALREADY_DECIDED', message: expect.stringContaining('already rejected by ana at 2025-01-02') });
    expect(bed.store.reviews.get(id)).toMatchObject({ status: 'rejected', decidedBy: 'ana', note: 'Wrong.' });
    expect(bed.store.episodes.list()).toHaveLength(1);
  });

  it('two reviewers at once: exactly one wins and one episode is recorded', async () => {
    const { id } = bed.store.reviews.add(pending);
    const outcomes = await Promise.allSettled([
      decideReview({ store: bed.backend, episodic }, id, { action: 'corrected', by: 'ana', correction: '80' }),
      decideReview({ store: bed.backend, episodic }, id, { action: 'rejected', by: 'ben', note: 'No.' }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(bed.store.episodes.list()).toHaveLength(1);
  });

  it('unknown ids and corrections without an answer change nothing', async () => {
    const { id } = bed.store.reviews.add(pending);
    await expect(decideReview({ store: bed.backend, episodic }, 'zzzz', { action: 'accepted', by: 'ana' })).rejects.toMatchObject({ code: 'AGENTLAB_REVIEW_NOT_FOUND' });
    await expect(decideReview({ store: bed.backend, episodic }, id, { action: 'corrected', by: 'ana', correction: '  ' })).rejects.toMatchObject({ code: 'AGENTLAB_REVIEW_INPUT_INVALID' });
    expect(bed.store.reviews.get(id)!.status).toBe('pending');
    expect(bed.store.episodes.list()).toEqual([]);
  });

  it('when the embedding endpoint fails the decision stands, the error says how to retry, and the retry records the lesson', async () => {
    let up = false;
    const endpoint = await startFakeEmbeddingEndpoint((texts) =>
      up ? { body: { data: texts.map((_, index) => ({ index, embedding: [1, 0, 0] })) } } : { status: 503, body: { error: { message: 'down for maintenance' } } },
    );
    const broken = createMemoryTestBed({ broken: endpoint.baseURL });
    try {
      const brokenEpisodic = (await openMemory({ store: broken.backend, provider: broken.provider, embeddingModel: 'broken' })).episodic;
      const { id } = broken.store.reviews.add(pending);
      const attempt = decideReview({ store: broken.backend, episodic: brokenEpisodic }, id, { action: 'corrected', by: 'ana', correction: '80', note: 'Add them up.' });
      await expect(attempt).rejects.toMatchObject({ code: 'AGENTLAB_REVIEW_LESSON_NOT_RECORDED', message: expect.stringContaining(`agentlab reviews lesson ${id}`) });
      expect(broken.store.reviews.get(id)).toMatchObject({ status: 'corrected', decidedBy: 'ana', correction: '80' });
      expect(broken.store.reviews.get(id)!.episodeId).toBeUndefined();

      up = true;
      const { episode } = await recordReviewLesson({ store: broken.backend, episodic: brokenEpisodic }, id);
      expect(episode!.lesson).toBe('Add them up.');
      expect(broken.store.reviews.get(id)!.episodeId).toBe(episode!.id);
      await expect(recordReviewLesson({ store: broken.backend, episodic: brokenEpisodic }, id)).rejects.toMatchObject({ code: 'AGENTLAB_REVIEW_NO_LESSON' });
    } finally {
      await broken.close();
      await endpoint.close();
    }
  });
});
