// The contract of content runs on every backend: a run is recorded once, the daily totals the content
// report reads agree with the runs added (SQLite keeps them with a trigger, PostgreSQL writes them in
// the run's transaction), runs sent to review are split by their review's decision as it stands, a
// review's settlement is filed apart, latency percentiles are within 1%, and the newest runs come
// first, as many as asked for.
import { expect, it } from 'vitest';
import type { ContentRunRecord } from '../content-run-records.js';
import { forEachBackend } from './contract-suite.js';

const day1 = Date.UTC(2026, 2, 1, 9);
const day2 = Date.UTC(2026, 2, 2, 9);
const period = { fromDay: '2026-03-01', toDay: '2026-03-02' };

function contentRun(overrides: Partial<ContentRunRecord> = {}): ContentRunRecord {
  return {
    pieceId: 'photosynthesis',
    topic: 'Photosynthesis for AP Biology',
    workerId: 'host:1:1',
    startedAt: day1 - 60_000,
    finishedAt: day1,
    status: 'published',
    confidence: 0.96,
    claimsChecked: 5,
    claimsSupported: 5,
    costUsd: 0.08,
    workers: {
      supervisor: { model: 'sim:weak', modelCalls: 5, toolCalls: 0, inputTokens: 900, outputTokens: 60, costUsd: 0.001 },
      researcher: { model: 'sim:strong', modelCalls: 3, toolCalls: 2, inputTokens: 1_200, outputTokens: 80, costUsd: 0.02 },
    },
    stageLatencyMs: { research: 1_000, write: 400, publish: 0 },
    stagesRun: ['research', 'write', 'fact-check', 'format', 'publish'],
    traceId: '0af7651916cd43dd8448eb211c80319c',
    ...overrides,
  };
}

forEachBackend((context) => {
  it('sums the runs by day and status, splits those sent to review by the decision, and sums each worker by model', async () => {
    const { store } = context;
    const review = { kind: 'low_confidence' as const, agent: 'content', model: 'sim:strong', goal: 'a piece', answer: 'a summary', steps: '[]', createdAt: day1 };
    const accepted = await store.reviews.add({ ...review, runId: 'piece-a' });
    const rejected = await store.reviews.add({ ...review, runId: 'piece-b' });
    const waiting = await store.reviews.add({ ...review, runId: 'piece-c' });
    await store.reviews.decide(accepted.id, { action: 'accepted', by: 'ana', at: day2 });
    await store.reviews.decide(rejected.id, { action: 'rejected', by: 'ana', at: day2, note: 'wrong' });

    await store.contentRuns.add(contentRun({ pieceId: 'p1' }));
    await store.contentRuns.add(contentRun({ pieceId: 'p1' }));
    await store.contentRuns.add(contentRun({ pieceId: 'p2', finishedAt: day1 + 1, stageLatencyMs: { research: 2_000, write: 800, publish: 0 } }));
    await store.contentRuns.add(contentRun({ pieceId: 'piece-a', status: 'in_review', claimsSupported: 3, confidence: 0.6, reviewId: accepted.id }));
    await store.contentRuns.add(contentRun({ pieceId: 'piece-b', status: 'in_review', claimsSupported: 2, confidence: 0.4, reviewId: rejected.id, finishedAt: day2 }));
    await store.contentRuns.add(contentRun({ pieceId: 'piece-c', status: 'in_review', claimsSupported: 4, confidence: 0.8, reviewId: waiting.id, finishedAt: day2 + 1 }));
    await store.contentRuns.add(contentRun({ pieceId: 'p3', status: 'failed', reason: 'max_steps', claimsChecked: undefined, claimsSupported: undefined, confidence: undefined, finishedAt: day2 + 2, workers: { supervisor: { model: 'sim:weak', modelCalls: 2, toolCalls: 0, inputTokens: 100, outputTokens: 10 } } }));
    await store.contentRuns.add(contentRun({ pieceId: 'outside', finishedAt: Date.UTC(2026, 2, 3, 0, 0) }));
    // The settler's run that published the accepted piece: filed as settled, not as another published piece.
    await store.contentRuns.add(contentRun({ pieceId: 'piece-a', workerId: 'settler', costUsd: 0, claimsChecked: undefined, claimsSupported: undefined, workers: {}, stageLatencyMs: {}, reviewId: accepted.id, finishedAt: day2 + 3 }));

    const totals = await store.contentRuns.report(period);
    expect(totals.byDayStatus).toEqual([
      { day: '2026-03-01', status: 'in_review', runs: 1, costUsd: 0.08, checkedRuns: 1, claimsChecked: 5, claimsSupported: 3 },
      { day: '2026-03-01', status: 'published', runs: 2, costUsd: 0.16, checkedRuns: 2, claimsChecked: 10, claimsSupported: 10 },
      { day: '2026-03-02', status: 'failed', runs: 1, costUsd: 0.08, checkedRuns: 0, claimsChecked: 0, claimsSupported: 0 },
      { day: '2026-03-02', status: 'in_review', runs: 2, costUsd: 0.16, checkedRuns: 2, claimsChecked: 10, claimsSupported: 6 },
      { day: '2026-03-02', status: 'settled', runs: 1, costUsd: 0, checkedRuns: 0, claimsChecked: 0, claimsSupported: 0 },
    ]);
    expect(totals.byDayReview).toEqual([
      { day: '2026-03-01', review: 'accepted', runs: 1, checkedRuns: 1, claimsChecked: 5, claimsSupported: 3 },
      { day: '2026-03-02', review: 'pending', runs: 1, checkedRuns: 1, claimsChecked: 5, claimsSupported: 4 },
      { day: '2026-03-02', review: 'rejected', runs: 1, checkedRuns: 1, claimsChecked: 5, claimsSupported: 2 },
    ]);
    expect(totals.byWorker).toEqual([
      { worker: 'researcher', model: 'sim:strong', runs: 5, modelCalls: 15, toolCalls: 10, inputTokens: 6_000, outputTokens: 400, costUsd: expect.closeTo(0.1, 10), unpricedRuns: 0 },
      { worker: 'supervisor', model: 'sim:weak', runs: 6, modelCalls: 27, toolCalls: 0, inputTokens: 4_600, outputTokens: 310, costUsd: expect.closeTo(0.005, 10), unpricedRuns: 1 },
    ]);
    const research = totals.stageLatency.find((stage) => stage.stage === 'research')!;
    expect(research.runs).toBe(6);
    expect(research.p50Ms).toBeGreaterThan(990);
    expect(research.p50Ms).toBeLessThan(1_010);
    // Five runs at 1,000 ms and one at 2,000: the 95th percentile is three quarters of the way up.
    expect(research.p95Ms / 1_750).toBeCloseTo(1, 1);
    expect(totals.stageLatency.find((stage) => stage.stage === 'publish')).toEqual({ stage: 'publish', runs: 6, p50Ms: 0, p95Ms: 0 });

    expect(totals.recent.map((run) => [run.pieceId, run.review])).toEqual([
      ['piece-a', 'accepted'],
      ['p3', undefined],
      ['piece-c', 'pending'],
      ['piece-b', 'rejected'],
      ['p2', undefined],
      ['piece-a', 'accepted'],
      ['p1', undefined],
    ]);
    expect(totals.recent[1]).toEqual({ pieceId: 'p3', topic: 'Photosynthesis for AP Biology', workerId: 'host:1:1', finishedAt: day2 + 2, status: 'failed', reason: 'max_steps', costUsd: 0.08, traceId: '0af7651916cd43dd8448eb211c80319c' });
  });


  it('records a run once, lists runs by finish time and a piece\'s runs, and counts concurrent adds once', async () => {
    const { store } = context;
    const other = await context.open();
    const first = contentRun({ pieceId: 'p1', workerId: 'w1' });
    await Promise.all([store.contentRuns.add(first), other.contentRuns.add(first), other.contentRuns.add({ ...first, costUsd: 99 })]);
    await store.contentRuns.add(contentRun({ pieceId: 'p1', workerId: 'w2', startedAt: day1, finishedAt: day2, reviewId: 'r1', status: 'in_review', reason: 'low confidence' }));
    await store.contentRuns.add(contentRun({ pieceId: 'p2', finishedAt: day1 + 5 }));
    expect(await store.contentRuns.forPiece('p1')).toEqual([first, contentRun({ pieceId: 'p1', workerId: 'w2', startedAt: day1, finishedAt: day2, reviewId: 'r1', status: 'in_review', reason: 'low confidence' })]);
    expect((await store.contentRuns.list()).map((run) => [run.pieceId, run.workerId])).toEqual([['p1', 'w1'], ['p2', 'host:1:1'], ['p1', 'w2']]);
    expect((await store.contentRuns.list({ since: day1 + 1, until: day2 })).map((run) => run.pieceId)).toEqual(['p2']);
    expect((await store.contentRuns.list({ limit: 1 })).length).toBe(1);
    expect((await store.contentRuns.report(period)).byDayStatus.find((row) => row.status === 'published')).toMatchObject({ runs: 2, costUsd: 0.16 });
  });

  it('gives the runs that finished last, newest first, at most the limit and none before since', async () => {
    const { store } = context;
    for (const [index, pieceId] of ['p1', 'p2', 'p3', 'p4', 'p5'].entries()) await store.contentRuns.add(contentRun({ pieceId, finishedAt: day1 + index * 1_000 }));
    // Two runs finished at the same moment: the one recorded last comes first.
    await store.contentRuns.add(contentRun({ pieceId: 'p6', finishedAt: day1 + 4_000 }));
    expect((await store.contentRuns.newest({ limit: 3 })).map((run) => run.pieceId)).toEqual(['p6', 'p5', 'p4']);
    expect((await store.contentRuns.newest({ limit: 10, since: day1 + 2_000 })).map((run) => run.pieceId)).toEqual(['p6', 'p5', 'p4', 'p3']);
    expect(await store.contentRuns.newest({ limit: 2, since: day2 })).toEqual([]);
    expect((await store.contentRuns.newest({ limit: 1 }))[0]).toEqual(contentRun({ pieceId: 'p6', finishedAt: day1 + 4_000 }));
  });
});
