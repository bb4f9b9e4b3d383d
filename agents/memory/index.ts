// Public surface of agents/memory: long-term memory (facts recalled by similarity), episodic memory
// (runs recalled by the similarity of their goals), the embedders behind both, and their errors.
export { LongTermMemory } from './long-term-memory.js';
export type { LongTermMemoryOptions, MemoryStore, RecallOptions, RecalledMemory, RememberOptions } from './long-term-memory.js';
export { EpisodicMemory } from './episodic-memory.js';
export type { EpisodeDraft, EpisodeStore, EpisodicMemoryOptions, RecallEpisodesOptions, RecalledEpisode } from './episodic-memory.js';
export { describeOutcome, episodeFromResult, summarizeSteps } from './episode-summary.js';
export type { EpisodeDetails } from './episode-summary.js';
export type { EmbedOptions, Embedder } from './embedder.js';
export { createOpenAiEmbedder, readVectors } from './openai-embedder.js';
export type { EmbeddingEndpoint } from './openai-embedder.js';
export { EvalMemory, openEvalMemory } from './eval-memory.js';
export type { CellMemory, EvalCell, EvalMemoryOptions, EvalMemorySettings } from './eval-memory.js';
export { openEpisodicMemory, openMemory } from './open-memory.js';
export type { MemoriesStore, OpenMemoryOptions, OpenedMemory } from './open-memory.js';
export { recallScore, recency } from './recall-score.js';
export type { ScoreInputs } from './recall-score.js';
export { checkAgentName, checkNamespace } from './memory-scope.js';
export { MemoryError } from './errors.js';
export type { MemoryErrorCode } from './errors.js';
export * as memoryDefaults from './constants.js';
export { DEFAULT_EMBEDDING_MODEL, DEFAULT_MEMORY_NAMESPACE } from './constants.js';
// Working memory: a built-in agent's conversation kept inside its model's context window.
export { checkWorkingMemoryAgents, DEFAULT_COMPRESS_THRESHOLD, DEFAULT_KEEP_RECENT, resolveWorkingMemory, withWorkingMemoryOverride, WorkingMemory } from './working-memory.js';
export type { CompressionRecord, WorkingMemoryOverride, WorkingMemorySettings } from './working-memory.js';
