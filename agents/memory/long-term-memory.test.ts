// Long-term memory end to end: facts embedded by the simulator over HTTP through the openai client,
// kept in a real store file with its sqlite-vec index, recalled by similarity within their scope.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiEmbedder } from './openai-embedder.js';
import { LongTermMemory } from './long-term-memory.js';
import { openMemory } from './open-memory.js';
import { createMemoryTestBed, startFakeEmbeddingEndpoint, type MemoryTestBed } from './test-support.js';
import { RECENCY_HALF_LIFE_MS } from './constants.js';

let bed: MemoryTestBed;
let clock = 1_700_000_000_000;
const now = () => clock;

beforeEach(() => {
  bed = createMemoryTestBed();
  clock = 1_700_000_000_000;
});
afterEach(() => bed.close());

async function memory(): Promise<LongTermMemory> {
  return (await openMemory({ store: bed.backend, provider: bed.provider, embeddingModel: 'sim:strong', now })).longTerm;
}

describe('long-term memory', () => {
  it('recalls the fact that shares the query\'s words first, with its similarity', async () => {
    const longTerm = await memory();
    await longTerm.remember('The office wifi password is hunter2', { namespace: 'default', agent: 'react' });
    await longTerm.remember('Priya owns the marketing budget', { namespace: 'default', agent: 'react' });
    await longTerm.remember('The launch is on 21 March', { namespace: 'default', agent: 'react' });

    const recalled = await longTerm.recall('what is the wifi password?', { namespace: 'default', agent: 'react', k: 2 });
    expect(recalled.map((entry) => entry.memory.content)).toEqual(['The office wifi password is hunter2', expect.any(String)]);
    expect(recalled[0]!.similarity).toBeGreaterThan(0.4);
    expect(recalled[0]!.similarity).toBeGreaterThan(recalled[1]!.similarity + 0.2);
    expect(longTerm.embeddingModel).toBe('sim:strong');
  });

  it('counts each recall as an access, in what it returns and in the store', async () => {
    const longTerm = await memory();
    const kept = await longTerm.remember('The budget is 48,000 EUR', { namespace: 'default' });
    expect(kept).toMatchObject({ accessCount: 0, lastAccessedAt: clock, agent: '' });
    clock += 60_000;
    const [first] = await longTerm.recall('budget', { namespace: 'default', k: 1 });
    expect(first!.memory).toMatchObject({ id: kept.id, accessCount: 1, lastAccessedAt: clock });
    expect((await longTerm.list())[0]).toMatchObject({ accessCount: 1, lastAccessedAt: clock });
  });

  it('orders equally similar memories by the recency and access bonus: score = similarity + 0.05·recency + 0.02·ln(1 + accesses)', async () => {
    const longTerm = await memory();
    const old = await longTerm.remember('Blue project code name', { namespace: 'default' });
    clock += 4 * RECENCY_HALF_LIFE_MS;
    const fresh = await longTerm.remember('Blue project code name', { namespace: 'default' });
    const recalled = await longTerm.recall('Blue project code name', { namespace: 'default', k: 2 });
    expect(recalled.map((entry) => entry.memory.id)).toEqual([fresh.id, old.id]);
    expect(recalled[0]!.similarity).toBeCloseTo(1, 5);
    expect(recalled[0]!.score).toBeCloseTo(1 + 0.05 * 1, 5);
    expect(recalled[1]!.score).toBeCloseTo(1 + 0.05 * 0.5 ** 4, 5);

    // Both were just accessed once; accessing the old one twice more lifts it above the fresh one.
    clock += 1;
    await longTerm.recall('Blue project code name', { namespace: 'default', k: 1 });
    const ranked = await longTerm.recall('Blue project code name', { namespace: 'default', k: 2 });
    expect(ranked.map((entry) => entry.memory.accessCount)).toEqual([3, 2]);
    expect(ranked[0]!.score - ranked[1]!.score).toBeCloseTo(0.02 * (Math.log(3) - Math.log(2)), 4);
  });

  it('never lifts an unrelated memory over a related one with its bonus', async () => {
    const longTerm = await memory();
    const related = await longTerm.remember('The deploy key rotates every Monday', { namespace: 'default' });
    const unrelated = await longTerm.remember('Lunch is at noon in the canteen', { namespace: 'default' });
    for (let index = 0; index < 20; index++) await longTerm.recall('Lunch canteen noon', { namespace: 'default', k: 1 });
    const recalled = await longTerm.recall('When does the deploy key rotate?', { namespace: 'default', k: 2 });
    expect(recalled.map((entry) => entry.memory.id)).toEqual([related.id, unrelated.id]);
  });

  it('keeps namespaces and agents apart, and gives every agent of a namespace the shared memories', async () => {
    const longTerm = await memory();
    await longTerm.remember('The staging database is on port 5433', { namespace: 'eval-run-1/case-1', agent: 'react' });
    await longTerm.remember('The staging database is on port 6543', { namespace: 'eval-run-1/case-2', agent: 'react' });
    await longTerm.remember('The staging database password is in the vault', { namespace: 'eval-run-1/case-1', agent: 'pipeline' });
    await longTerm.remember('The staging database is backed up nightly', { namespace: 'eval-run-1/case-1' });

    const contents = async (namespace: string, agent?: string) =>
      (await longTerm.recall('staging database', { namespace, k: 10, ...(agent === undefined ? {} : { agent }) })).map((entry) => entry.memory.content).sort();
    expect(await contents('eval-run-1/case-1', 'react')).toEqual(['The staging database is backed up nightly', 'The staging database is on port 5433']);
    expect(await contents('eval-run-1/case-2', 'react')).toEqual(['The staging database is on port 6543']);
    expect(await contents('eval-run-1/case-1')).toHaveLength(3);
    expect(await contents('elsewhere', 'react')).toEqual([]);
  });

  it('survives a new process: another store connection and embedder recall what the first remembered', async () => {
    const first = await memory();
    await first.remember('The on-call phone number is 555-0199', { namespace: 'team' });
    const { openStore, SqliteStoreBackend } = await import('../../store/index.js');
    const second = new SqliteStoreBackend(openStore(bed.storePath));
    try {
      const again = new LongTermMemory({ store: second, embedder: createOpenAiEmbedder(await bed.provider.open('sim:weak')) });
      // sim:weak is another model name: its vectors are not compared with sim:strong's.
      expect(await again.recall('on-call phone number', { namespace: 'team' })).toEqual([]);
      const same = new LongTermMemory({ store: second, embedder: createOpenAiEmbedder(await bed.provider.open('sim:strong')) });
      expect((await same.recall('on-call phone number', { namespace: 'team' }))[0]!.memory.content).toBe('The on-call phone number is 555-0199');
    } finally {
      await second.close();
    }
  });

  it('refuses blank facts, bad namespaces and k out of range before embedding anything', async () => {
    const longTerm = await memory();
    await expect(longTerm.remember('   ', { namespace: 'default' })).rejects.toThrow('The memory must not be empty.');
    await expect(longTerm.remember('x', { namespace: '' })).rejects.toMatchObject({ code: 'AGENTLAB_MEMORY_INPUT_INVALID' });
    await expect(longTerm.remember('x', { namespace: 'bad\u001b[2J' })).rejects.toThrow(/control character/);
    await expect(longTerm.recall('x', { namespace: 'default', k: 0 })).rejects.toThrow('k must be a whole number from 1 to 100, not 0.');
    expect(await longTerm.count()).toBe(0);
  });
});

describe('long-term memory against a bad embedding endpoint', () => {
  it('names the model and URL when the endpoint fails, and keeps nothing', async () => {
    const failing = await startFakeEmbeddingEndpoint(() => ({ status: 500, body: { error: { message: 'embedder crashed', type: 'server_error' } } }));
    const failingBed = createMemoryTestBed({ flaky: failing.baseURL });
    try {
      const { longTerm } = await openMemory({ store: failingBed.backend, provider: failingBed.provider, embeddingModel: 'flaky' });
      const error = await longTerm.remember('The budget is 48,000 EUR', { namespace: 'default' }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'AGENTLAB_EMBEDDING_FAILED' });
      expect((error as Error).message).toBe(`Embedding model flaky at ${failing.baseURL} failed: 500 embedder crashed`);
      expect(await longTerm.count()).toBe(0);
    } finally {
      await failingBed.close();
      await failing.close();
    }
  });

  it('names the model and URL when nothing listens there', async () => {
    const unknown = createMemoryTestBed({ nowhere: 'http://127.0.0.1:9/v1' });
    try {
      const { longTerm } = await openMemory({ store: unknown.backend, provider: unknown.provider, embeddingModel: 'nowhere' });
      await expect(longTerm.recall('anything', { namespace: 'default' })).rejects.toThrow(/^Embedding model nowhere at http:\/\/127\.0\.0\.1:9\/v1 failed: Connection error/);
    } finally {
      await unknown.close();
    }
  });

  it('refuses vectors whose size changed since the model\'s earlier ones, keeping what was stored', async () => {
    let size = 8;
    const endpoint = await startFakeEmbeddingEndpoint((texts) => ({
      body: { object: 'list', data: texts.map((_, index) => ({ object: 'embedding', index, embedding: Array.from({ length: size }, (__, position) => (position === index ? 1 : 0.1)) })) },
    }));
    const shifting = createMemoryTestBed({ shifting: endpoint.baseURL });
    try {
      const { longTerm } = await openMemory({ store: shifting.backend, provider: shifting.provider, embeddingModel: 'shifting' });
      await longTerm.remember('first fact', { namespace: 'default' });
      size = 6;
      await expect(longTerm.remember('second fact', { namespace: 'default' })).rejects.toThrow(
        `Embedding model shifting returned a vector of 6 numbers, but its vectors in the store at ${shifting.storePath} have 8.`,
      );
      await expect(longTerm.recall('first fact', { namespace: 'default' })).rejects.toMatchObject({ code: 'AGENTLAB_EMBEDDING_INVALID' });
      expect((await longTerm.list()).map((entry) => entry.content)).toEqual(['first fact']);
    } finally {
      await shifting.close();
      await endpoint.close();
    }
  });

  it.each([
    ['no data array', () => ({ object: 'list' }), 'answered without a data array of embeddings.'],
    ['too few vectors', () => ({ data: [] }), 'returned 0 embeddings for 1 inputs.'],
    ['an empty vector', () => ({ data: [{ index: 0, embedding: [] }] }), 'returned embedding 0 as an empty list, not a list of numbers.'],
    ['a null in the vector', () => ({ data: [{ index: 0, embedding: [0.1, null, 0.3] }] }), 'returned embedding 0 with null at position 1, not a finite number.'],
  ])('refuses an answer with %s, naming the model', async (_label, body, problem) => {
    const endpoint = await startFakeEmbeddingEndpoint(() => ({ body: body() }));
    const broken = createMemoryTestBed({ broken: endpoint.baseURL });
    try {
      const { longTerm } = await openMemory({ store: broken.backend, provider: broken.provider, embeddingModel: 'broken' });
      await expect(longTerm.remember('a fact', { namespace: 'default' })).rejects.toThrow(`Embedding model broken ${problem}`);
      expect(await longTerm.count()).toBe(0);
    } finally {
      await broken.close();
      await endpoint.close();
    }
  });
});
