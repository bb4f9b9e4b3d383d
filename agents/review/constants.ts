// Defaults of the review queue's decisions and of the lessons recalled before a run.

/** The longest lesson kept or injected, in characters: a lesson is a sentence or two, not a document. */
export const MAX_LESSON_LENGTH = 500;
/** Characters of a goal or an answer quoted in a lesson made without a note. */
export const LESSON_QUOTE_MAX_LENGTH = 160;
