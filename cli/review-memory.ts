// Episodic memory for the report server's review decisions (`agentlab serve`, `eval --serve`): a
// correction or rejection made on the reviews page records its lesson there. The embedding model
// (memory.embeddingModel in the config, else sim:strong) is opened on the first decision that
// teaches a lesson, not at start, so a server nobody reviews on never starts a simulator or needs a
// key; close() stops whatever it opened, with the server. The episodes go to the server's store, SQLite or
// PostgreSQL.
import { DEFAULT_EMBEDDING_MODEL, DEFAULT_MEMORY_NAMESPACE, openEpisodicMemory } from '../agents/index.js';
import type { EpisodeStore, EpisodicMemory } from '../agents/index.js';
import { ModelProvider } from '../models/index.js';
import type { AgentlabConfig } from '../models/index.js';

export interface ReviewMemory {
  /** Opens the memory on first call; later calls get the same one. A failed open is tried again next time. */
  episodicMemory: () => Promise<EpisodicMemory>;
  /** Where lessons go: the config's memory.namespace, else `default`. */
  namespace: string;
  embeddingModel: string;
  close(): Promise<void>;
}

export function createReviewMemory(options: { config: AgentlabConfig; store: EpisodeStore; env: Readonly<Record<string, string | undefined>> }): ReviewMemory {
  const embeddingModel = options.config.memory?.embeddingModel ?? DEFAULT_EMBEDDING_MODEL;
  let provider: ModelProvider | undefined;
  let opening: Promise<EpisodicMemory> | undefined;
  return {
    namespace: options.config.memory?.namespace ?? DEFAULT_MEMORY_NAMESPACE,
    embeddingModel,
    episodicMemory: () => {
      opening ??= (async () => {
        provider ??= new ModelProvider({ config: options.config, env: options.env });
        return openEpisodicMemory({ store: options.store, provider, embeddingModel });
      })().catch((error: unknown) => {
        opening = undefined;
        throw error;
      });
      return opening;
    },
    close: async () => {
      opening = undefined;
      await provider?.close();
      provider = undefined;
    },
  };
}
