// Episodes in a real store file: kept with the vector of their goal, found by it, filtered by lesson
// during the search, and given a lesson afterwards.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EpisodeInput } from './memory-records.js';
import { openStore } from './open-store.js';
import type { Store } from './sqlite-store.js';
import { temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
const opened: Store[] = [];

function open(): Store {
  const store = openStore(join(directories.make(), 'agentlab.db'));
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  directories.removeAll();
});

function vector(axis: number, lean = 0): Float32Array {
  const values = new Float32Array(4);
  values[axis] = 1;
  values[(axis + 1) % 4] = lean;
  return values;
}

function episode(overrides: Partial<EpisodeInput> = {}): EpisodeInput {
  return {
    namespace: 'default',
    agent: 'react',
    model: 'sim:strong',
    goal: 'Find the boiling point of water',
    steps: '2 model calls; search_web ok',
    outcome: 'completed',
    output: 'Water boils at 100 °C.',
    embeddingModel: 'sim:strong',
    embedding: vector(0),
    createdAt: 1_000,
    ...overrides,
  };
}

describe('episode table', () => {
  it('keeps an episode with every field and finds it by its goal vector', () => {
    const store = open();
    const boiling = store.episodes.add(episode({ runId: 'run-1', traceId: 'trace-1' }));
    const python = store.episodes.add(episode({ goal: 'Who created Python?', embedding: vector(2) }));
    expect(boiling).toEqual({
      id: boiling.id,
      namespace: 'default',
      agent: 'react',
      model: 'sim:strong',
      runId: 'run-1',
      traceId: 'trace-1',
      goal: 'Find the boiling point of water',
      steps: '2 model calls; search_web ok',
      outcome: 'completed',
      output: 'Water boils at 100 °C.',
      embeddingModel: 'sim:strong',
      createdAt: 1_000,
    });
    const matches = store.episodes.nearest(vector(2, 0.2), 5, { namespace: 'default', embeddingModel: 'sim:strong' });
    expect(matches.map((match) => match.episode.id)).toEqual([python.id, boiling.id]);
  });

  it('sets a lesson in the row and the index, so lessons-only searches see it at once', () => {
    const store = open();
    const plain = store.episodes.add(episode());
    const taught = store.episodes.add(episode({ embedding: vector(0, 0.3) }));
    const scope = { namespace: 'default', embeddingModel: 'sim:strong', withLessonsOnly: true };
    expect(store.episodes.nearest(vector(0), 5, scope)).toEqual([]);
    expect(store.episodes.setLesson(taught.id, 'Quote the unit.').lesson).toBe('Quote the unit.');
    expect(store.episodes.nearest(vector(0), 5, scope).map((match) => match.episode.id)).toEqual([taught.id]);
    expect(store.episodes.list({ withLessonsOnly: true }).map((entry) => entry.id)).toEqual([taught.id]);
    expect(store.episodes.setLesson(taught.id, undefined).lesson).toBeUndefined();
    expect(store.episodes.nearest(vector(0), 5, scope)).toEqual([]);
    expect(store.episodes.nearest(vector(0), 5, { namespace: 'default', embeddingModel: 'sim:strong' }).map((match) => match.episode.id)).toEqual([plain.id, taught.id]);
  });

  it('names an episode it does not hold', () => {
    const store = open();
    expect(() => store.episodes.setLesson(42, 'x')).toThrow('No episode has the id 42.');
    expect(() => store.episodes.forget([42])).toThrow(expect.objectContaining({ code: 'AGENTLAB_EPISODE_NOT_FOUND' }));
  });

  it('filters by agent and namespace, and forgets an episode with its vector', () => {
    const store = open();
    const react = store.episodes.add(episode());
    const other = store.episodes.add(episode({ agent: 'pipeline', namespace: 'team' }));
    expect(store.episodes.nearest(vector(0), 5, { namespace: 'default', embeddingModel: 'sim:strong', agent: 'pipeline' })).toEqual([]);
    expect(store.episodes.list({ namespace: 'team' }).map((entry) => entry.id)).toEqual([other.id]);
    expect(() => store.episodes.forget([react.id, 999])).toThrow('No episode has the id 999.');
    expect(store.episodes.get(react.id)).toBeDefined();
    expect(store.episodes.forget([react.id])).toBe(1);
    expect(store.episodes.nearest(vector(0), 5, { namespace: 'default', embeddingModel: 'sim:strong' })).toEqual([]);
    expect(store.episodes.get(react.id)).toBeUndefined();
  });
});
