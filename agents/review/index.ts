// Public surface of agents/review: deciding the human review queue's entries, and the lessons their
// corrections and rejections become, recalled before a run for goals like theirs.
export { decideReview, recordReviewLesson } from './decide-review.js';
export type { DecidedReview, DecideReviewDependencies, ReviewDecision, ReviewQueueStore } from './decide-review.js';
export { boundLesson, episodeOfReview, lessonOf } from './review-lesson.js';
export { LessonRecall, openLessons, recallLessons, storeHasLessons, withLessonsEvent } from './lessons.js';
export type { OpenLessonsOptions, RecalledLesson, RecallLessonsOptions } from './lessons.js';
export { EvalLessons } from './eval-lessons.js';
export type { EvalLessonsSettings } from './eval-lessons.js';
export { ReviewError } from './errors.js';
export type { ReviewErrorCode } from './errors.js';
export * as reviewDefaults from './constants.js';
export { MIN_LESSON_SIMILARITY } from './constants.js';
