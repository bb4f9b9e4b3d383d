// Defaults of long-term and episodic memory: scopes, recall sizes and the recall score's weights.

/** The namespace memories and episodes go to when none is named. */
export const DEFAULT_MEMORY_NAMESPACE = 'default';
/** The embedding model when neither the config (`memory.embeddingModel`) nor a flag names one: offline and free. */
export const DEFAULT_EMBEDDING_MODEL = 'sim:strong';
/** Memories a recall returns when k is not given. */
export const DEFAULT_RECALL_K = 5;
/** Episodes recallEpisodes returns when k is not given. */
export const DEFAULT_EPISODE_RECALL_K = 3;
/** The most a recall returns. */
export const MAX_RECALL_K = 100;

/**
 * score = similarity + RECENCY_WEIGHT · recency + ACCESS_WEIGHT · ln(1 + accesses), where similarity
 * is the cosine similarity (1 − cosine distance) and recency halves every RECENCY_HALF_LIFE_MS since
 * the memory was last recalled (or made). Small on purpose: they order memories that are about
 * equally similar, and never lift an unrelated memory over a related one.
 */
export const RECENCY_WEIGHT = 0.05;
export const ACCESS_WEIGHT = 0.02;
export const RECENCY_HALF_LIFE_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * The nearest k × this (and at least k + RECALL_EXTRA_CANDIDATES) are re-ranked by score, so a
 * memory just outside the top k by similarity can still win on the bonus.
 */
export const RECALL_CANDIDATE_FACTOR = 4;
export const RECALL_EXTRA_CANDIDATES = 20;

/** The longest fact kept, in characters. */
export const MAX_MEMORY_LENGTH = 4_000;
/** The longest recall query, in characters. */
export const MAX_RECALL_QUERY_LENGTH = 2_000;
/** Namespaces are 1 to this many characters. */
export const MAX_NAMESPACE_LENGTH = 200;
/** Agent names in memory scopes are at most this many characters. */
export const MAX_AGENT_NAME_LENGTH = 100;
/** An episode keeps this many characters of the run's answer. */
export const EPISODE_OUTPUT_MAX_LENGTH = 2_000;
/** An episode's steps summary lists this many tool calls, then says how many more there were. */
export const EPISODE_MAX_LISTED_TOOL_CALLS = 20;
/** Tool arguments are cut to this many characters in an episode's steps summary. */
export const EPISODE_ARGUMENTS_MAX_LENGTH = 120;
