// Long-term memory: facts kept in the store with their embeddings and recalled top-k by cosine
// similarity plus a small recency and access bonus (recall-score.ts). Memories are scoped by
// namespace and agent: an agent recalls its own memories and those shared by every agent of the
// namespace (agent ''), never another namespace's.
import type { MemoryForgetFilter, MemoryListOptions, MemoryRecord, StoreBackend } from '../../store/index.js';
import { DEFAULT_RECALL_K, MAX_MEMORY_LENGTH, MAX_RECALL_K, MAX_RECALL_QUERY_LENGTH, RECALL_CANDIDATE_FACTOR, RECALL_EXTRA_CANDIDATES } from './constants.js';
import type { Embedder } from './embedder.js';
import { embeddingInvalid } from './errors.js';
import { checkAgentName, checkK, checkNamespace, checkText } from './memory-scope.js';
import { recallScore } from './recall-score.js';

/** What long-term memory needs of a store (SQLite or PostgreSQL): its memories, and where it is for messages. */
export type MemoryStore = Pick<StoreBackend, 'memories' | 'location'>;

export interface LongTermMemoryOptions {
  store: MemoryStore;
  embedder: Embedder;
  /** Milliseconds since the epoch; Date.now by default. */
  now?: () => number;
}

export interface RememberOptions {
  namespace: string;
  /** The agent the fact belongs to; absent or '' for every agent of the namespace. */
  agent?: string;
  /** The run or trace that remembered it. */
  runId?: string;
  signal?: AbortSignal;
}

export interface RecallOptions {
  namespace: string;
  /** Recall this agent's memories and the shared ones; absent for every agent's. */
  agent?: string;
  /** How many to return, 5 by default. */
  k?: number;
  signal?: AbortSignal;
}

export interface RecalledMemory {
  /** As it is after this recall (one more access, last accessed now). */
  memory: MemoryRecord;
  /** Cosine similarity to the query, −1 to 1. */
  similarity: number;
  /** What the memories were ranked by: similarity plus the recency and access bonus. */
  score: number;
}

export class LongTermMemory {
  private readonly store: MemoryStore;
  private readonly embedder: Embedder;
  private readonly now: () => number;

  constructor(options: LongTermMemoryOptions) {
    this.store = options.store;
    this.embedder = options.embedder;
    this.now = options.now ?? Date.now;
  }

  /** The embedding model's reference; memories are only compared with those of the same model. */
  get embeddingModel(): string {
    return this.embedder.model;
  }

  /** Embeds the fact, then writes it and its vector in one transaction. */
  async remember(content: string, options: RememberOptions): Promise<MemoryRecord> {
    checkText(content, 'memory', MAX_MEMORY_LENGTH);
    const namespace = checkNamespace(options.namespace);
    const agent = checkAgentName(options.agent ?? '');
    const vector = await this.embedOne(content, options.signal);
    return this.store.memories.add({
      namespace,
      agent,
      content,
      embeddingModel: this.embedder.model,
      embedding: vector,
      createdAt: this.now(),
      ...(options.runId === undefined ? {} : { runId: options.runId }),
    });
  }

  /** The k best memories in scope for the query, best first; each counts one more access. */
  async recall(query: string, options: RecallOptions): Promise<RecalledMemory[]> {
    checkText(query, 'recall query', MAX_RECALL_QUERY_LENGTH);
    const namespace = checkNamespace(options.namespace);
    const agent = options.agent === undefined ? undefined : checkAgentName(options.agent);
    const k = checkK(options.k ?? DEFAULT_RECALL_K, MAX_RECALL_K);
    const vector = await this.embedOne(query, options.signal);
    const candidates = await this.store.memories.nearest(vector, Math.max(k * RECALL_CANDIDATE_FACTOR, k + RECALL_EXTRA_CANDIDATES), {
      namespace,
      embeddingModel: this.embedder.model,
      ...(agent === undefined ? {} : { agents: agent === '' ? [''] : [agent, ''] }),
    });
    const now = this.now();
    const best = candidates
      .map(({ memory, distance }) => {
        const similarity = 1 - distance;
        return { memory, similarity, score: recallScore({ similarity, lastAccessedAt: memory.lastAccessedAt, accessCount: memory.accessCount }, now) };
      })
      .sort((left, right) => right.score - left.score || left.memory.id - right.memory.id)
      .slice(0, k);
    await this.store.memories.touch(
      best.map((recalled) => recalled.memory.id),
      now,
    );
    return best.map((recalled) => ({ ...recalled, memory: { ...recalled.memory, accessCount: recalled.memory.accessCount + 1, lastAccessedAt: now } }));
  }

  /** Newest first. */
  list(options: MemoryListOptions = {}): Promise<MemoryRecord[]> {
    return this.store.memories.list(options);
  }

  count(options: Pick<MemoryListOptions, 'namespace' | 'agent'> = {}): Promise<number> {
    return this.store.memories.count(options);
  }

  /** Removes the matching memories with their vectors; returns how many. */
  forget(filter: MemoryForgetFilter): Promise<number> {
    return this.store.memories.forget(filter);
  }

  /** One vector, of the size this model's stored vectors have (when it has any). */
  private async embedOne(text: string, signal: AbortSignal | undefined): Promise<Float32Array> {
    const [vector] = await this.embedder.embed([text], signal ? { signal } : {});
    const stored = await this.store.memories.dimensionsOf(this.embedder.model);
    if (stored !== undefined && vector!.length !== stored) {
      throw embeddingInvalid(this.embedder.model, `returned a vector of ${vector!.length} numbers, but its vectors in the store at ${this.store.location} have ${stored}.`);
    }
    return vector!;
  }
}
