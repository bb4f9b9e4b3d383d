// Deciding an entry of the review queue, and turning a correction or a rejection into a lesson.
// The order matters: the store's conditional update picks the one winner first, so two reviewers at
// once never both record an episode; then the episode is recorded (an embedding call that can fail);
// then the review is linked to it. If the episode fails the decision stands, and the error says how
// to record the lesson later (recordReviewLesson, `agentlab reviews lesson <id>`).
import type { EpisodeRecord, ReviewRecord, StoreBackend } from '../../store/index.js';
import { DEFAULT_MEMORY_NAMESPACE } from '../memory/index.js';
import type { EpisodicMemory } from '../memory/index.js';
import { lessonNotRecorded, noLessonToRecord } from './errors.js';
import { episodeOfReview, lessonOf } from './review-lesson.js';

export interface ReviewDecision {
  action: 'accepted' | 'rejected' | 'corrected';
  by: string;
  note?: string;
  correction?: string;
}

type ReviewCalls = 'resolveId' | 'get' | 'decide' | 'setEpisode';

/** The review queue of any StoreBackend (SQLite through SqliteStoreBackend, or PostgreSQL). */
export interface ReviewQueueStore {
  reviews: Pick<StoreBackend['reviews'], ReviewCalls>;
}

export interface DecideReviewDependencies {
  store: ReviewQueueStore;
  /** Where lessons go; without it a decision is stored and no episode is recorded. */
  episodic?: EpisodicMemory;
  /** The namespace of the lesson's episode: `default` when absent. */
  namespace?: string;
  now?: () => number;
}

export interface DecidedReview {
  review: ReviewRecord;
  episode?: EpisodeRecord;
}

/**
 * Decides a pending review (id or unique prefix); a correction or a rejection records an episode whose lesson is the note
 * (or, without a note, one made from the correction / the rejected answer). Throws the store's AGENTLAB_REVIEW_* errors
 * (nothing changed), or AGENTLAB_REVIEW_LESSON_NOT_RECORDED when the decision was stored but the episode was not.
 */
export async function decideReview(dependencies: DecideReviewDependencies, idOrPrefix: string, decision: ReviewDecision): Promise<DecidedReview> {
  const { store } = dependencies;
  const id = await store.reviews.resolveId(idOrPrefix);
  const note = decision.note?.trim() ? decision.note : undefined;
  const review = await store.reviews.decide(id, {
    action: decision.action,
    by: decision.by,
    at: (dependencies.now ?? Date.now)(),
    ...(note === undefined ? {} : { note }),
    ...(decision.correction === undefined ? {} : { correction: decision.correction }),
  });
  if (dependencies.episodic === undefined || lessonOf(review) === undefined) return { review };
  return recordLesson(dependencies.episodic, store, review, dependencies.namespace);
}

/**
 * Records the lesson of a rejected or corrected review that has none yet (its first try failed, or it was decided
 * without episodic memory). Throws AGENTLAB_REVIEW_NO_LESSON for a pending, accepted or already recorded review.
 */
export async function recordReviewLesson(dependencies: DecideReviewDependencies & { episodic: EpisodicMemory }, idOrPrefix: string): Promise<DecidedReview> {
  const { store } = dependencies;
  const review = (await store.reviews.get(await store.reviews.resolveId(idOrPrefix)))!;
  if (lessonOf(review) === undefined || review.episodeId !== undefined) throw noLessonToRecord(review);
  return recordLesson(dependencies.episodic, store, review, dependencies.namespace);
}

async function recordLesson(episodic: EpisodicMemory, store: ReviewQueueStore, review: ReviewRecord, namespace: string | undefined): Promise<DecidedReview> {
  let episode: EpisodeRecord;
  try {
    episode = await episodic.recordEpisode(episodeOfReview(review, lessonOf(review)!, namespace ?? DEFAULT_MEMORY_NAMESPACE));
  } catch (error) {
    throw lessonNotRecorded(review, error);
  }
  await store.reviews.setEpisode(review.id, episode.id);
  return { review: { ...review, episodeId: episode.id }, episode };
}
