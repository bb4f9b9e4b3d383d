// Opens long-term and episodic memory on a store with an embedding model named by reference
// (sim:strong, openai:text-embedding-3-small, a config name), through the same model factory
// that opens chat models, so `sim:` embeddings go to the simulator over HTTP like chat calls do.
import type { ModelProvider } from '../../models/index.js';
import type { Embedder } from './embedder.js';
import { EpisodicMemory, type EpisodeStore } from './episodic-memory.js';
import { LongTermMemory, type MemoryStore } from './long-term-memory.js';
import { createOpenAiEmbedder } from './openai-embedder.js';

/** What long-term and episodic memory need of a store: SQLite (SqliteStoreBackend) or PostgreSQL alike. */
export type MemoriesStore = MemoryStore & EpisodeStore;

export interface OpenMemoryOptions {
  store: MemoriesStore;
  provider: ModelProvider;
  /** The embedding model's reference. */
  embeddingModel: string;
  now?: () => number;
}

export interface OpenedMemory {
  embedder: Embedder;
  longTerm: LongTermMemory;
  episodic: EpisodicMemory;
}

/** Episodic memory alone, for what needs only episodes (lessons, review decisions); throws as openMemory does. */
export async function openEpisodicMemory(options: Omit<OpenMemoryOptions, 'store'> & { store: EpisodeStore }): Promise<EpisodicMemory> {
  const embedder = createOpenAiEmbedder(await options.provider.open(options.embeddingModel));
  return new EpisodicMemory({ store: options.store, embedder, ...(options.now ? { now: options.now } : {}) });
}

/** Throws the model factory's errors (unknown reference, missing API key) before anything is embedded. */
export async function openMemory(options: OpenMemoryOptions): Promise<OpenedMemory> {
  const handle = await options.provider.open(options.embeddingModel);
  const embedder = createOpenAiEmbedder(handle);
  const shared = { store: options.store, embedder, ...(options.now ? { now: options.now } : {}) };
  return { embedder, longTerm: new LongTermMemory(shared), episodic: new EpisodicMemory(shared) };
}
