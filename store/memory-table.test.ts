// Memories and their sqlite-vec index in a real store file: written whole or not at all, searched by
// cosine distance within their scope, forgotten with their vectors.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from './errors.js';
import type { MemoryInput } from './memory-records.js';
import { openStore } from './open-store.js';
import type { Store } from './sqlite-store.js';
import { temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
const opened: Store[] = [];

function open(path = join(directories.make(), 'agentlab.db')): Store {
  const store = openStore(path);
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  directories.removeAll();
});

/** A unit vector along one axis, with a little of a second so distances differ. */
function vector(axis: number, lean = 0, dimensions = 4): Float32Array {
  const values = new Float32Array(dimensions);
  values[axis] = 1;
  values[(axis + 1) % dimensions] = lean;
  return values;
}

function memory(overrides: Partial<MemoryInput> = {}): MemoryInput {
  return { namespace: 'default', agent: 'react', content: 'The budget is 48,000 EUR.', embeddingModel: 'sim:strong', embedding: vector(0), createdAt: 1_000, ...overrides };
}

describe('memory table', () => {
  it('keeps a memory and finds it again by its vector, nearest first, with cosine distances', () => {
    const store = open();
    const budget = store.memories.add(memory());
    const launch = store.memories.add(memory({ content: 'The launch is on 21 March.', embedding: vector(1), createdAt: 2_000, runId: 'trace-1' }));
    const nearBudget = store.memories.add(memory({ content: 'Budget owner: Priya.', embedding: vector(0, 0.5) }));
    expect(launch).toEqual({ id: launch.id, namespace: 'default', agent: 'react', content: 'The launch is on 21 March.', embeddingModel: 'sim:strong', createdAt: 2_000, lastAccessedAt: 2_000, accessCount: 0, runId: 'trace-1' });

    const matches = store.memories.nearest(vector(0), 2, { namespace: 'default', embeddingModel: 'sim:strong' });
    expect(matches.map((match) => match.memory.id)).toEqual([budget.id, nearBudget.id]);
    expect(matches[0]!.distance).toBeCloseTo(0, 5);
    expect(matches[1]!.distance).toBeCloseTo(1 - 1 / Math.sqrt(1.25), 5);
  });

  it('searches only the scope asked for: namespace, embedding model and agents', () => {
    const store = open();
    const own = store.memories.add(memory({ agent: 'react' }));
    const shared = store.memories.add(memory({ agent: '' }));
    store.memories.add(memory({ agent: 'pipeline' }));
    store.memories.add(memory({ namespace: 'eval-run-1/case-3' }));
    store.memories.add(memory({ embeddingModel: 'other:embedder' }));

    const ids = (agents?: string[]) =>
      store.memories.nearest(vector(0), 10, { namespace: 'default', embeddingModel: 'sim:strong', ...(agents ? { agents } : {}) }).map((match) => match.memory.id);
    expect(ids(['react', ''])).toEqual(expect.arrayContaining([own.id, shared.id]));
    expect(ids(['react', ''])).toHaveLength(2);
    expect(ids()).toHaveLength(3);
    expect(store.memories.nearest(vector(0), 10, { namespace: 'nobody', embeddingModel: 'sim:strong' })).toEqual([]);
    expect(store.memories.nearest(vector(0, 0, 8), 10, { namespace: 'default', embeddingModel: 'sim:strong' })).toEqual([]);
  });

  it('refuses a vector of another size from the same embedding model, leaving no row and no vector behind', () => {
    const store = open();
    store.memories.add(memory());
    let error: unknown;
    try {
      store.memories.add(memory({ content: 'wrong size', embedding: vector(0, 0, 3) }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'AGENTLAB_EMBEDDING_DIMENSIONS_MISMATCH' });
    expect((error as Error).message).toContain('Embedding model sim:strong gave a vector of 3 numbers, but the store holds its earlier vectors with 4');
    expect(store.memories.list().map((entry) => entry.content)).toEqual(['The budget is 48,000 EUR.']);
    expect(store.memories.count()).toBe(1);
  });

  it('rolls the row back when its vector cannot be written', () => {
    const path = join(directories.make(), 'agentlab.db');
    const store = open(path);
    const first = store.memories.add(memory());
    // Another connection puts a vector under the id the next memory will get, so writing that
    // memory's vector fails after its row was inserted in the same transaction.
    const other = new BetterSqlite3(path);
    sqliteVec.load(other);
    other.prepare('INSERT INTO memory_vectors_4 (memory_id, embedding, namespace, agent, embedding_model) VALUES (?, ?, ?, ?, ?)')
      .run(BigInt(first.id + 1), Buffer.from(vector(2).buffer), 'default', 'react', 'sim:strong');
    other.close();

    expect(() => store.memories.add(memory({ content: 'half-written?' }))).toThrow(/UNIQUE|constraint/i);
    expect(store.memories.list().map((entry) => entry.content)).toEqual(['The budget is 48,000 EUR.']);
  });

  it('writes many memories in one transaction, all or none', () => {
    const store = open();
    const ids = store.memories.addMany([memory({ content: 'one' }), memory({ content: 'two', embedding: vector(1) })]);
    expect(store.memories.list().map((entry) => [entry.id, entry.content])).toEqual([
      [ids[1], 'two'],
      [ids[0], 'one'],
    ]);
    expect(() => store.memories.addMany([memory({ content: 'three' }), memory({ content: 'wrong size', embedding: vector(0, 0, 3) })])).toThrow(/3 numbers/);
    expect(store.memories.count()).toBe(2);
  });

  it('counts accesses and lists newest first within a scope', () => {
    const store = open();
    const first = store.memories.add(memory({ createdAt: 1_000 }));
    const second = store.memories.add(memory({ content: 'second', createdAt: 2_000, agent: '' }));
    store.memories.touch([first.id], 5_000);
    store.memories.touch([first.id], 6_000);
    expect(store.memories.get(first.id)).toMatchObject({ accessCount: 2, lastAccessedAt: 6_000, createdAt: 1_000 });
    expect(store.memories.list().map((entry) => entry.id)).toEqual([second.id, first.id]);
    expect(store.memories.list({ agent: 'react' }).map((entry) => entry.id)).toEqual([first.id]);
    expect(store.memories.list({ limit: 1, offset: 1 }).map((entry) => entry.id)).toEqual([first.id]);
  });

  it('forgets memories with their vectors, by id or by scope, and names an id it does not hold', () => {
    const store = open();
    const keep = store.memories.add(memory({ namespace: 'keep' }));
    const drop = store.memories.add(memory());
    store.memories.add(memory({ content: 'also dropped' }));
    expect(() => store.memories.forget({ ids: [drop.id, 999] })).toThrow('No memory has the id 999.');
    expect(store.memories.count()).toBe(3);
    expect(store.memories.forget({ ids: [drop.id] })).toBe(1);
    expect(store.memories.forget({ namespace: 'default' })).toBe(1);
    expect(store.memories.nearest(vector(0), 10, { namespace: 'default', embeddingModel: 'sim:strong' })).toEqual([]);
    expect(store.memories.list().map((entry) => entry.id)).toEqual([keep.id]);
  });

  it('keeps its memories across connections, and a connection without sqlite-vec still reads the rest of the store', () => {
    const path = join(directories.make(), 'agentlab.db');
    const writer = open(path);
    const kept = writer.memories.add(memory());
    writer.close();

    const reader = open(path);
    expect(reader.listRuns()).toEqual([]);
    expect(reader.memories.nearest(vector(0), 1, { namespace: 'default', embeddingModel: 'sim:strong' }).map((match) => match.memory.id)).toEqual([kept.id]);
  });

  it('says the store is closed when used after close()', () => {
    const store = open();
    const memories = store.memories;
    store.close();
    expect(() => memories.list()).toThrow(/already closed/);
    expect(() => store.memories).toThrow(/already closed/);
  });
});
