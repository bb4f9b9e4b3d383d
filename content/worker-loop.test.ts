// The worker loop end to end on the simulator, a real store and the store queue, on SQLite and on
// PostgreSQL: pieces published, a piece below the threshold parked with its review, accepted and
// published exactly once, another rejected through `agentlab reviews reject`, returned and written
// again from its research with the reviewer's lesson, and dead once it has been returned as often as
// its budget allows.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideReview } from '../agents/index.js';
import { createTestDatabase, type TestDatabase } from '../store/test-fixtures.js';
import { runRecorded } from '../cli/test-support.js';
import { ModelProvider } from '../models/index.js';
import { StoreQueue } from '../queue/index.js';
import { openStoreBackend, type StoreBackend } from '../store/index.js';
import { CONTENT_QUEUE, contentSettings, pieceIdOf, runContentWorkers, settleReviews, type ContentWorkersOptions, type PieceEvent } from './index.js';

let directory: string;
let storeReference: string;
let store: StoreBackend;
let provider: ModelProvider;
let queue: StoreQueue;

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

/** Where each test's store is: a file in its folder, or a PostgreSQL database of its own. */
const backends = [
  { name: 'SQLite', storeIn: async (folder: string) => path.join(folder, 'agentlab.db') },
  {
    name: 'PostgreSQL',
    storeIn: async () => {
      const database = await createTestDatabase('agentlab_content_workers');
      databases.push(database);
      return database.url;
    },
  },
];

function options(events: PieceEvent[], overrides: Partial<ContentWorkersOptions> = {}): ContentWorkersOptions {
  // On the simulator "The water cycle" (0.909) and "Binary numbers" (0.889) are checked below 0.95; "Mars" at 1.
  const settings = { ...contentSettings(), confidenceThreshold: 0.95 };
  return { queue, store, provider, settings, workers: 2, outputDirectory: path.join(directory, 'lessons'), untilEmpty: true, pollMs: 20, seed: 1, onPiece: (event) => events.push(event), ...overrides };
}

async function enqueue(topic: string, maxAttempts = 3): Promise<string> {
  return (await queue.enqueue(CONTENT_QUEUE, { topic }, { id: pieceIdOf(topic), maxAttempts })).id;
}

describe.each(backends)('runContentWorkers on $name', ({ storeIn }) => {
  beforeEach(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'agentlab-content-workers-'));
    storeReference = await storeIn(directory);
    store = await openStoreBackend(storeReference);
    provider = new ModelProvider({ latency: 'zero' });
    queue = new StoreQueue({ store, backoffMs: 10 });
  });

  afterEach(async () => {
    await queue.close();
    await store.close();
    await provider.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('publishes confident pieces, parks the others for review, publishes an accepted one exactly once and returns a rejected one to be written again', async () => {
    const mars = await enqueue('Mars');
    const water = await enqueue('The water cycle');
    const binary = await enqueue('Binary numbers', 2);
    const events: PieceEvent[] = [];
    const first = await runContentWorkers(options(events));

    expect(first.outcomes).toEqual({ completed: 1, parked: 2 });
    expect(first.pieces).toBe(3);
    expect(new Set(events.map((event) => event.workerId)).size).toBeGreaterThanOrEqual(1);
    expect(readdirSync(path.join(directory, 'lessons')).sort()).toEqual([`${mars}.html`, `${mars}.json`]);
    expect(await queue.get(mars)).toMatchObject({ state: 'done', result: { status: 'published' } });
    const counts = await queue.counts(CONTENT_QUEUE);
    expect([counts.done.count, counts.in_review.count]).toEqual([1, 2]);
    // Every finished run is a row of content_runs, the parked ones with their review.
    const runs = await store.contentRuns.list();
    expect(runs.map((run) => run.status).sort()).toEqual(['in_review', 'in_review', 'published']);
    expect(runs.every((run) => Object.keys(run.workers).length === 5 && run.costUsd > 0 && run.stagesRun[0] === 'research')).toBe(true);
    const waterReview = (await store.contentRuns.forPiece(water))[0]!.reviewId!;
    const binaryReview = (await store.contentRuns.forPiece(binary))[0]!.reviewId!;
    expect(await store.reviews.get(waterReview)).toMatchObject({ status: 'pending', agent: 'content', runId: water, kind: 'low_confidence' });
    expect((await queue.get(water))?.note).toMatch(new RegExp(`^review ${waterReview}: the fact-check's confidence 0\\.909 is below 0\\.95$`));

    // Accepted by one reviewer; two settlers on two connections settle it once.
    await decideReview({ store }, waterReview, { action: 'accepted', by: 'ana' });
    const otherStore = await openStoreBackend(storeReference);
    const otherQueue = new StoreQueue({ store: otherStore });
    try {
      const settlers = await Promise.all([settleReviews(options([]), 'settler-a'), settleReviews({ ...options([]), queue: otherQueue, store: otherStore }, 'settler-b')]);
      expect(settlers.flat().map((event) => [event.jobId, event.outcome])).toEqual([[water, 'published']]);
    } finally {
      await otherQueue.close();
      await otherStore.close();
    }
    expect(readdirSync(path.join(directory, 'lessons')).filter((name) => name.startsWith(water))).toEqual([`${water}.html`, `${water}.json`]);
    expect(await queue.get(water)).toMatchObject({ state: 'done', result: { status: 'published', reviewId: waterReview, by: 'ana' } });
    expect((await store.contentRuns.forPiece(water)).map((run) => [run.status, run.reviewId])).toEqual([
      ['in_review', waterReview],
      ['published', waterReview],
    ]);

    // Rejected through the CLI: the lesson goes to the content namespace, where the workers recall it.
    const lesson = 'State that binary place values are powers of two, with a worked example.';
    const rejected = await runRecorded(['reviews', 'reject', binaryReview, '--note', lesson, '--by', 'bo', '--store', storeReference], { cwd: directory });
    expect(rejected.errorOutput).toBe('');
    expect(rejected.output).toContain('(namespace content)');

    const second: PieceEvent[] = [];
    const again = await runContentWorkers(options(second));
    const returned = second.find((event) => event.outcome === 'returned')!;
    expect(returned).toMatchObject({ jobId: binary, reviewId: binaryReview, reason: `rejected by bo: ${lesson}` });
    const rerun = second.find((event) => event.jobId === binary && event.outcome !== 'returned')!;
    // Written again from its research checkpoint, with the reviewer's lesson in the workers' prompts.
    expect(rerun.stagesRun[0]).toBe('write');
    expect(rerun.stagesRun).not.toContain('research');
    expect(rerun.lessons).toBe(1);
    expect(again.pieces).toBe(1);
    expect((await queue.get(binary))?.attempts).toBe(1);

    // Returned once more, its budget of two attempts is spent: the dead letter, not another round.
    // The simulator checks it at 0.889 again: parked with a review of its own (the epoch is the return).
    expect(rerun).toMatchObject({ outcome: 'parked', confidence: 0.889 });
    const secondReview = rerun.reviewId!;
    expect(secondReview).not.toBe(binaryReview);
    expect(await store.reviews.get(secondReview)).toMatchObject({ runId: binary, epoch: 1, status: 'pending' });

    // Returned once more, its budget of two attempts is spent: the dead letter, not another round.
    await decideReview({ store }, secondReview, { action: 'rejected', by: 'bo', note: 'Still wrong.' });
    const third: PieceEvent[] = [];
    await runContentWorkers(options(third));
    expect(third.map((event) => event.outcome)).toEqual(['returned-dead']);
    expect(await queue.get(binary)).toMatchObject({ state: 'dead', attempts: 2, errors: [`rejected by bo: ${lesson}`, 'rejected by bo: Still wrong.'] });
    expect(readdirSync(path.join(directory, 'lessons')).filter((name) => name.endsWith('.json')).sort()).toEqual([`${mars}.json`, `${water}.json`].sort());
  });

  it('fails a piece whose model endpoint is down, retries it, and lets it die after its budget', async () => {
    const settings = contentSettings({ supervisor: { model: 'gone' } });
    const broken = new ModelProvider({ latency: 'zero', config: { models: { gone: { baseURL: 'http://127.0.0.1:9/v1', model: 'x' } }, prices: {}, agents: {} }, timeoutMs: 2_000 });
    try {
      const id = await enqueue('Mars', 2);
      const events: PieceEvent[] = [];
      const summary = await runContentWorkers({ ...options(events), provider: broken, settings, workers: 1 });
      expect(events.map((event) => event.outcome)).toEqual(['retry', 'dead']);
      expect(summary.outcomes).toEqual({ retry: 1, dead: 1 });
      const dead = await queue.get(id);
      expect(dead).toMatchObject({ state: 'dead', attempts: 2 });
      expect((await store.contentRuns.forPiece(id)).map((run) => run.status)).toEqual(['failed', 'failed']);
    } finally {
      await broken.close();
    }
  });
});
