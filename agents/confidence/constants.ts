// Defaults of the confidence rating: the threshold, the structured-output schema's name and how much
// of the answer and the tool results the rater is shown.

/** The seed's production threshold: an answer rated below it goes to the review queue. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.85;

/** The response_format json_schema name of a rating request; the simulator answers requests named so with its rater. */
export const RATING_SCHEMA_NAME = 'answer_rating';

/** `gen_ai.agent.name` of the rating's chat span and the `agent` of its trajectory step. */
export const RATING_AGENT_NAME = 'confidence';

/** A rating should not vary from one call to the next. */
export const RATING_TEMPERATURE = 0;

/** Output tokens a rating may use: a number and a sentence or two of reasoning. */
export const RATING_MAX_COMPLETION_TOKENS = 400;

/** Characters of the answer shown to the rater; a longer answer is cut with a marker. */
export const RATING_ANSWER_MAX_LENGTH = 4_000;

/** Tool calls listed for the rater (the last ones), and characters of each result. */
export const RATING_TOOL_CALLS_SHOWN = 12;
export const RATING_TOOL_RESULT_MAX_LENGTH = 240;
/** Characters of the whole tool summary. */
export const RATING_TOOL_SUMMARY_MAX_LENGTH = 2_400;
