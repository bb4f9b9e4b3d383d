// The lesson a decided review teaches, and the episode that carries it: the reviewer's note when
// there is one, else a sentence made from the correction or the rejected answer, so a correction
// without a note still teaches something recallable.
import type { ReviewRecord } from '../../store/index.js';
import type { EpisodeDraft } from '../memory/index.js';
import { LESSON_QUOTE_MAX_LENGTH, MAX_LESSON_LENGTH } from './constants.js';

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > LESSON_QUOTE_MAX_LENGTH ? `${flat.slice(0, LESSON_QUOTE_MAX_LENGTH - 1)}…` : flat);
}

/** Cut to MAX_LESSON_LENGTH characters, marking the cut. */
export function boundLesson(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_LESSON_LENGTH ? `${trimmed.slice(0, MAX_LESSON_LENGTH - 1)}…` : trimmed;
}

/** The lesson of a rejected or corrected review; undefined for pending and accepted ones. */
export function lessonOf(review: ReviewRecord): string | undefined {
  if (review.status !== 'rejected' && review.status !== 'corrected') return undefined;
  if (review.note !== undefined && review.note.trim() !== '') return boundLesson(review.note);
  if (review.status === 'corrected') return boundLesson(`For a task like ${quote(review.goal)}, the right answer is ${quote(review.correction ?? '')}.`);
  return boundLesson(`For a task like ${quote(review.goal)}, a reviewer rejected the answer ${quote(review.answer)}: do not answer that way.`);
}

/** The episode a rejected or corrected review records: its goal, steps, how a person judged it, and the lesson. */
export function episodeOfReview(review: ReviewRecord, lesson: string, namespace: string): EpisodeDraft {
  const decided = `${review.status} by ${review.decidedBy ?? 'a reviewer'}`;
  const outcome = review.status === 'corrected' ? `${decided}; the right answer: ${review.correction ?? ''}` : decided;
  return {
    goal: review.goal,
    steps: review.steps,
    outcome,
    output: review.answer,
    lesson,
    agent: review.agent,
    model: review.model,
    namespace,
    runId: review.runId,
    ...(review.traceId === undefined ? {} : { traceId: review.traceId }),
  };
}
