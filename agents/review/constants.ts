// Defaults of the review queue's decisions and of the lessons recalled before a run.

/** The longest lesson kept or injected, in characters: a lesson is a sentence or two, not a document. */
export const MAX_LESSON_LENGTH = 500;
/** Characters of a goal or an answer quoted in a lesson made without a note. */
export const LESSON_QUOTE_MAX_LENGTH = 160;
/** Episodes with lessons a run looks at: the nearest this many to its goal. */
export const LESSON_RECALL_K = 3;
/**
 * The least cosine similarity of a past goal to a run's goal for its lesson to be injected. Measured with
 * the simulator's embeddings (hashed words, 256 dimensions) on datasets/golden/lessons.jsonl against every
 * goal of the bundled datasets: from "Tally 18, 27 and 41" the other tally goals are 0.37-0.51 and no
 * other goal is above 0.32 (the nearest, "Read notes.txt and tell me the budget", shares "and" and a hashed
 * slot); over every pair of tally goals the family runs 0.33-0.57. With a real embedding model unrelated
 * texts are usually below 0.2 and paraphrases above 0.5, so the same bar keeps unrelated lessons out.
 */
export const MIN_LESSON_SIMILARITY = 0.35;
/** Characters of a goal used to recall lessons: recall queries are capped (agents/memory MAX_RECALL_QUERY_LENGTH). */
export const LESSON_QUERY_MAX_LENGTH = 2_000;
