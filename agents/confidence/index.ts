// Public surface of agents/confidence: rating an answer with a second, structured-output call, the
// thresholds it is judged against, and reading a rating back.
export { rateAnswer } from './rate-answer.js';
export type { AnswerRatingOutcome, RateAnswerOptions, RatingRequest } from './rate-answer.js';
export { confidenceThresholdFor, parseConfidenceThreshold, resolveConfidenceSettings } from './confidence-settings.js';
export { parseRating, unreadableRating } from './parse-rating.js';
export type { ParsedRating } from './parse-rating.js';
export { answerRatingSchema, ratingResponseFormat } from './rating-schema.js';
export type { AnswerRating } from './rating-schema.js';
export { ratingInstructions, ratingMessages, ratingTags } from './rating-prompt.js';
export type { RatingSubject } from './rating-prompt.js';
export { summarizeToolResults } from './tool-results-summary.js';
export { DEFAULT_CONFIDENCE_THRESHOLD, RATING_AGENT_NAME, RATING_SCHEMA_NAME } from './constants.js';
