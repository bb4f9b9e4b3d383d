// Fills a fresh store with MEMORY_COUNT memories in one transaction: each fact embedded here with the
// simulator's own hashing (embedText), so the vectors are the ones `sim:strong` would return for
// them over HTTP, without 100,000 requests.
import { performance } from 'node:perf_hooks';
import { defaultEmbeddingDimensions, embedText } from '../../models/sim/index.js';
import type { MemoryInput, Store } from '../../store/index.js';
import { AGENTS, EMBEDDING_MODEL, MEMORY_COUNT, NAMESPACE } from './constants.js';
import { syntheticFact } from './synthetic-facts.js';

export interface FilledMemories {
  embedMs: number;
  writeMs: number;
}

/** `createdAt` spreads the memories over the year before `now`, so the recency bonus varies. */
export function fillMemories(store: Store, now: number): FilledMemories {
  const embedStarted = performance.now();
  const memories: MemoryInput[] = [];
  const year = 365 * 86_400_000;
  for (let index = 0; index < MEMORY_COUNT; index++) {
    const content = syntheticFact(index);
    memories.push({
      namespace: NAMESPACE,
      agent: AGENTS[index % AGENTS.length]!,
      content,
      embeddingModel: EMBEDDING_MODEL,
      embedding: embedText(content, defaultEmbeddingDimensions),
      createdAt: now - Math.floor((index / MEMORY_COUNT) * year),
    });
  }
  const embedMs = performance.now() - embedStarted;
  const writeStarted = performance.now();
  const ids = store.memories.addMany(memories);
  if (ids.length !== MEMORY_COUNT) throw new Error(`wrote ${ids.length} memories, expected ${MEMORY_COUNT}`);
  return { embedMs, writeMs: performance.now() - writeStarted };
}
