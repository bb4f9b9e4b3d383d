// The contract of long-term memories and episodes on every backend: a row and its vector are written
// whole or not at all, searches return the k nearest by cosine distance among those in scope, vectors
// of another size from one embedding model are refused, and forgetting removes rows with their vectors.
// SQLite ranks with sqlite-vec; PostgreSQL in SQL over float32 arrays.
import { expect, it } from 'vitest';
import type { EpisodeInput, MemoryInput } from '../memory-records.js';
import { forEachBackend } from './contract-suite.js';

/** A unit vector along one axis, with a little of the next so distances differ. */
function vector(axis: number, lean = 0, dimensions = 4): Float32Array {
  const values = new Float32Array(dimensions);
  values[axis] = 1;
  values[(axis + 1) % dimensions] = lean;
  return values;
}

const memory = (overrides: Partial<MemoryInput> = {}): MemoryInput => ({ namespace: 'default', agent: 'react', content: 'The budget is 48,000 EUR.', embeddingModel: 'sim:strong', embedding: vector(0), createdAt: 1_000, ...overrides });

const episode = (overrides: Partial<EpisodeInput> = {}): EpisodeInput => ({
  namespace: 'default', agent: 'react', model: 'sim:strong', goal: 'Find the boiling point of water', steps: '2 model calls; search_web ok', outcome: 'completed',
  output: 'Water boils at 100 °C.', embeddingModel: 'sim:strong', embedding: vector(0), createdAt: 1_000, ...overrides,
});

const scope = { namespace: 'default', embeddingModel: 'sim:strong' };

forEachBackend((context) => {
  it('keeps a memory and finds it by its vector, nearest first, with cosine distances', async () => {
    const { memories } = context.store;
    const budget = await memories.add(memory());
    const launch = await memories.add(memory({ content: 'The launch is on 21 March.', embedding: vector(1), createdAt: 2_000, runId: 'trace-1' }));
    const nearBudget = await memories.add(memory({ content: 'Budget owner: Priya.', embedding: vector(0, 0.5) }));
    expect(launch).toEqual({ id: launch.id, namespace: 'default', agent: 'react', content: 'The launch is on 21 March.', embeddingModel: 'sim:strong', createdAt: 2_000, lastAccessedAt: 2_000, accessCount: 0, runId: 'trace-1' });
    expect('runId' in budget).toBe(false);
    const matches = await memories.nearest(vector(0), 2, scope);
    expect(matches.map((match) => match.memory.id)).toEqual([budget.id, nearBudget.id]);
    expect(matches[0]!.distance).toBeCloseTo(0, 5);
    expect(matches[1]!.distance).toBeCloseTo(1 - 1 / Math.sqrt(1.25), 5);
    expect((await memories.nearest(vector(1), 3, scope)).map((match) => match.memory.id)).toEqual([launch.id, nearBudget.id, budget.id]);
    expect(await memories.dimensionsOf('sim:strong')).toBe(4);
    expect(await memories.dimensionsOf('unknown')).toBeUndefined();
  });

  it('searches only the scope asked for: namespace, embedding model and agents', async () => {
    const { memories } = context.store;
    const own = await memories.add(memory({ agent: 'react' }));
    const shared = await memories.add(memory({ agent: '', embedding: vector(0, 0.1) }));
    await memories.add(memory({ agent: 'pipeline' }));
    await memories.add(memory({ namespace: 'eval-run-1/case-3' }));
    await memories.add(memory({ embeddingModel: 'other:embedder' }));
    const ids = async (agents?: string[]) => (await memories.nearest(vector(0), 10, { ...scope, ...(agents ? { agents } : {}) })).map((match) => match.memory.id);
    expect(await ids(['react', ''])).toEqual([own.id, shared.id]);
    expect(await ids()).toHaveLength(3);
    expect(await ids([])).toEqual([]);
    expect(await memories.nearest(vector(0), 10, { namespace: 'nobody', embeddingModel: 'sim:strong' })).toEqual([]);
    expect(await memories.nearest(vector(0, 0, 8), 10, scope)).toEqual([]);
    expect(await memories.nearest(vector(0), 0, scope)).toEqual([]);
  });

  it('refuses a vector of another size from the same embedding model, writing nothing, and writes many all or none', async () => {
    const { memories } = context.store;
    await memories.add(memory());
    await expect(memories.add(memory({ content: 'wrong size', embedding: vector(0, 0, 3) }))).rejects.toMatchObject({
      code: 'AGENTLAB_EMBEDDING_DIMENSIONS_MISMATCH',
      message: expect.stringContaining('Embedding model sim:strong gave a vector of 3 numbers, but the store holds its earlier vectors with 4'),
    });
    const ids = await memories.addMany([memory({ content: 'one' }), memory({ content: 'two', embedding: vector(1), createdAt: 2_000 })]);
    expect((await memories.list()).map((entry) => [entry.id, entry.content])).toEqual([[ids[1], 'two'], [ids[0], 'one'], [expect.any(Number), 'The budget is 48,000 EUR.']]);
    await expect(memories.addMany([memory({ content: 'three' }), memory({ content: 'wrong size', embedding: vector(0, 0, 3) })])).rejects.toThrow(/3 numbers/);
    expect(await memories.count()).toBe(3);
    expect(await memories.count({ agent: 'nobody' })).toBe(0);
  });

  it('counts accesses, lists newest first within a scope, and forgets by id or scope', async () => {
    const { memories } = context.store;
    const first = await memories.add(memory({ createdAt: 1_000 }));
    const second = await memories.add(memory({ content: 'second', createdAt: 2_000, agent: '' }));
    const kept = await memories.add(memory({ namespace: 'keep', createdAt: 500 }));
    await memories.touch([first.id], 5_000);
    await memories.touch([first.id, second.id], 6_000);
    expect(await memories.get(first.id)).toMatchObject({ accessCount: 2, lastAccessedAt: 6_000, createdAt: 1_000 });
    expect((await memories.list({ namespace: 'default' })).map((entry) => entry.id)).toEqual([second.id, first.id]);
    expect((await memories.list({ agent: 'react' })).map((entry) => entry.id)).toEqual([first.id, kept.id]);
    expect((await memories.list({ limit: 1, offset: 1 })).map((entry) => entry.id)).toEqual([first.id]);
    await expect(memories.forget({ ids: [first.id, 999] })).rejects.toThrow('No memory has the id 999.');
    expect(await memories.count()).toBe(3);
    expect(await memories.forget({ ids: [first.id] })).toBe(1);
    expect(await memories.forget({ ids: [] })).toBe(0);
    expect(await memories.forget({ namespace: 'default' })).toBe(1);
    expect(await memories.nearest(vector(0), 10, scope)).toEqual([]);
    expect((await memories.list()).map((entry) => entry.id)).toEqual([kept.id]);
    expect(await memories.get(first.id)).toBeUndefined();
  });

  it('keeps an episode with every field, finds it by its goal, and searches lessons only once one is set', async () => {
    const { episodes } = context.store;
    const boiling = await episodes.add(episode({ runId: 'run-1', traceId: 'trace-1' }));
    const python = await episodes.add(episode({ goal: 'Who created Python?', embedding: vector(2) }));
    expect(boiling).toEqual({
      id: boiling.id, namespace: 'default', agent: 'react', model: 'sim:strong', runId: 'run-1', traceId: 'trace-1', goal: 'Find the boiling point of water',
      steps: '2 model calls; search_web ok', outcome: 'completed', output: 'Water boils at 100 °C.', embeddingModel: 'sim:strong', createdAt: 1_000,
    });
    expect((await episodes.nearest(vector(2, 0.2), 5, scope)).map((match) => match.episode.id)).toEqual([python.id, boiling.id]);
    const taught = await episodes.add(episode({ embedding: vector(0, 0.3) }));
    const lessons = { ...scope, withLessonsOnly: true };
    expect(await episodes.nearest(vector(0), 5, lessons)).toEqual([]);
    expect((await episodes.setLesson(taught.id, 'Quote the unit.')).lesson).toBe('Quote the unit.');
    expect((await episodes.nearest(vector(0), 5, lessons)).map((match) => match.episode.id)).toEqual([taught.id]);
    expect((await episodes.list({ withLessonsOnly: true })).map((entry) => entry.id)).toEqual([taught.id]);
    expect((await episodes.setLesson(taught.id, undefined)).lesson).toBeUndefined();
    expect(await episodes.nearest(vector(0), 5, lessons)).toEqual([]);
    expect(await episodes.dimensionsOf('sim:strong')).toBe(4);
  });

  it('filters episodes by agent and namespace, forgets them, and names one it does not hold', async () => {
    const { episodes } = context.store;
    const react = await episodes.add(episode());
    const other = await episodes.add(episode({ agent: 'pipeline', namespace: 'team', createdAt: 2_000 }));
    expect(await episodes.nearest(vector(0), 5, { ...scope, agent: 'pipeline' })).toEqual([]);
    expect((await episodes.list({ namespace: 'team' })).map((entry) => entry.id)).toEqual([other.id]);
    expect((await episodes.list({ limit: 1 })).map((entry) => entry.id)).toEqual([other.id]);
    await expect(episodes.setLesson(4242, 'x')).rejects.toThrow('No episode has the id 4242.');
    await expect(episodes.forget([react.id, 999])).rejects.toMatchObject({ code: 'AGENTLAB_EPISODE_NOT_FOUND', message: 'No episode has the id 999.' });
    expect(await episodes.get(react.id)).toBeDefined();
    expect(await episodes.forget([react.id])).toBe(1);
    expect(await episodes.nearest(vector(0), 5, scope)).toEqual([]);
    expect(await episodes.get(react.id)).toBeUndefined();
    await expect(episodes.add(episode({ embedding: vector(0, 0, 6) }))).rejects.toMatchObject({ code: 'AGENTLAB_EMBEDDING_DIMENSIONS_MISMATCH' });
    expect((await episodes.list()).map((entry) => entry.id)).toEqual([other.id]);
  });
});
