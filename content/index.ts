// Public surface of the content pipeline: one piece from topic to published lesson package, its
// settings, the package's schema and rendering, publishing, the `content` agent for evals, and the
// worker loop that works the `content` queue.
export { runContentPiece, answerOf } from './content-pipeline.js';
export type { ContentPieceOptions } from './content-pipeline.js';
export type { ClaimVerdict, ClaimVerdictKind, ContentResult, ContentStatus, FactCheckOutput, FormatOutput, ResearchFact, ResearchOutput, StageOutputs, WorkerAccount, WriteOutput } from './content-result.js';
export { contentSettings, withOneModel } from './content-settings.js';
export type { ContentSettings } from './content-settings.js';
export { lessonContentSchema, lessonPackageJsonSchema, lessonPackageSchema, validateLessonPackage } from './lesson-package.js';
export type { LessonContent, LessonPackage, PackageValidation } from './lesson-package.js';
export { renderLessonPackageHtml } from './lesson-package-html.js';
export { isPublished, publish } from './publish.js';
export type { PublishResult } from './publish.js';
export { pieceConfidence } from './fact-checker.js';
export { recallContentLessons } from './content-lessons.js';
export { claimReport, reviewOfPiece } from './piece-review.js';
export type { ContentLessonsOptions } from './content-lessons.js';
export { contentAgent, createContentAgent } from './content-agent.js';
export { contentEvalAgent } from './eval-worker-models.js';
export type { WorkerModelChoice } from './eval-worker-models.js';
export { pieceIdOf, readTopic } from './piece-topic.js';
export { runContentWorkers } from './worker-loop.js';
export type { ContentWorkersOptions, PieceEvent, PieceOutcome, WorkersSummary } from './worker-options.js';
export { settleReviews, reviewIdOfNote } from './settle-reviews.js';
export { contentRunOf } from './content-run-of.js';
export { contentLessonsNamespaceOf, lessonsNamespaceOfReview } from './review-namespace.js';
export { ContentError } from './errors.js';
export type { ContentErrorCode } from './errors.js';
export { CONTENT_LESSONS_NAMESPACE, CONTENT_QUEUE, contentEvents, contentStages, contentWorkers } from './constants.js';
export type { ContentStage, ContentWorker } from './constants.js';
export * as contentDefaults from './constants.js';
