// The errors the review folder raises, each with a stable code. The store's own review errors
// (AGENTLAB_REVIEW_NOT_FOUND, AGENTLAB_REVIEW_ALREADY_DECIDED, AGENTLAB_REVIEW_INPUT_INVALID,
// AGENTLAB_ID_AMBIGUOUS) pass through unchanged.
import { AgentlabError } from '../../models/index.js';
import type { ReviewRecord } from '../../store/index.js';

export type ReviewErrorCode =
  /** The decision was stored, but the episode carrying its lesson was not (the embedding endpoint failed). */
  | 'AGENTLAB_REVIEW_LESSON_NOT_RECORDED'
  /** `reviews lesson` on an entry that has no lesson to record: pending, accepted, or recorded already. */
  | 'AGENTLAB_REVIEW_NO_LESSON';

export class ReviewError extends AgentlabError {
  declare readonly code: ReviewErrorCode;
  /** The review as it now stands (decided, for AGENTLAB_REVIEW_LESSON_NOT_RECORDED). */
  readonly review: ReviewRecord;

  constructor(code: ReviewErrorCode, message: string, review: ReviewRecord, options?: { cause?: unknown }) {
    super(code, message, options);
    this.review = review;
  }
}

export function lessonNotRecorded(review: ReviewRecord, cause: unknown): ReviewError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ReviewError(
    'AGENTLAB_REVIEW_LESSON_NOT_RECORDED',
    `Review ${review.id} is ${review.status} (the decision stands), but its lesson was not recorded: ${reason} ` +
      `Once the embedding endpoint answers, record it with: agentlab reviews lesson ${review.id}`,
    review,
    { cause },
  );
}

export function noLessonToRecord(review: ReviewRecord): ReviewError {
  const why =
    review.status === 'pending'
      ? 'is still pending: decide it first'
      : review.status === 'accepted'
        ? 'was accepted, and an accepted answer teaches no lesson'
        : `already has its lesson in episode ${review.episodeId}`;
  return new ReviewError('AGENTLAB_REVIEW_NO_LESSON', `Review ${review.id} ${why}; nothing was changed.`, review);
}
