// A store for the content page's tests: a real SQLite file in a temp folder holding a few days of the
// content pipeline's runs (published, ready, sent to review and accepted, rejected, corrected or
// still waiting, failed), with their reviews, and the settler's run that published the accepted one. One topic, reason and model name carry markup, which
// the page must show as text.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../store/index.js';
import type { ContentRunRecord, ReviewRecord, Store } from '../store/index.js';

export const hostileTopic = '<script>window.__pwned = 1</script> for <img src=x onerror="window.__pwned=2">';
/** The fixture's clock: 2026-03-04 12:00 UTC; its runs finish on March 2, 3 and 4. */
export const contentFixtureNow = Date.UTC(2026, 2, 4, 12, 0);
const hour = 3_600_000;
export const contentTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';

export interface ContentFixture {
  store: Store;
  reviews: { accepted: ReviewRecord; rejected: ReviewRecord; corrected: ReviewRecord; waiting: ReviewRecord };
  cleanUp(): Promise<void>;
}

export function contentRun(overrides: Partial<ContentRunRecord> = {}): ContentRunRecord {
  const finishedAt = overrides.finishedAt ?? contentFixtureNow - 2 * hour;
  return {
    pieceId: 'photosynthesis-for-ap-biology',
    topic: 'Photosynthesis for AP Biology',
    workerId: 'worker-host:4242:1',
    startedAt: finishedAt - 90_000,
    finishedAt,
    status: 'published',
    confidence: 0.96,
    claimsChecked: 5,
    claimsSupported: 5,
    costUsd: 0.08,
    workers: {
      supervisor: { model: 'sim:weak', modelCalls: 6, toolCalls: 0, inputTokens: 3_000, outputTokens: 300, costUsd: 0.001 },
      researcher: { model: 'sim:strong', modelCalls: 3, toolCalls: 2, inputTokens: 6_000, outputTokens: 600, costUsd: 0.021 },
      writer: { model: 'sim:strong', modelCalls: 1, toolCalls: 0, inputTokens: 2_000, outputTokens: 1_000, costUsd: 0.015 },
      'fact-checker': { model: 'sim:strong', modelCalls: 5, toolCalls: 6, inputTokens: 12_000, outputTokens: 800, costUsd: 0.038 },
      formatter: { model: 'sim:weak', modelCalls: 3, toolCalls: 2, inputTokens: 5_000, outputTokens: 1_500, costUsd: 0.005 },
    },
    stageLatencyMs: { research: 20_000, write: 15_000, 'fact-check': 30_000, format: 10_000, publish: 50 },
    stagesRun: ['research', 'write', 'fact-check', 'format', 'publish'],
    traceId: contentTraceId,
    ...overrides,
  };
}

/** A fresh store in a fresh temp folder; cleanUp closes and removes both. */
export async function contentFixture(): Promise<ContentFixture> {
  const directory = await mkdtemp(path.join(tmpdir(), 'agentlab-content-'));
  const store = openStore(path.join(directory, 'agentlab.db'));
  const review = (runId: string, createdAt: number) =>
    store.reviews.add({ kind: 'low_confidence', runId, agent: 'content', model: 'sim:strong', goal: `Write a lesson on ${runId}`, answer: 'A summary.', confidence: 0.6, steps: '[]', createdAt });
  const day2 = contentFixtureNow - 2 * 24 * hour;
  const day3 = contentFixtureNow - 24 * hour;
  const accepted = review('cells', day2);
  const rejected = review('atoms', day2);
  const corrected = review('volcanoes', day3);
  const waiting = review('tides', contentFixtureNow - 3 * hour);
  store.reviews.decide(accepted.id, { action: 'accepted', by: 'ana', at: day3 });
  store.reviews.decide(rejected.id, { action: 'rejected', by: 'bo', at: day3, note: 'wrong' });
  store.reviews.decide(corrected.id, { action: 'corrected', by: 'ana', at: contentFixtureNow - hour, note: 'fixed', correction: 'A better summary.' });

  // March 2: two published, one accepted after review (3 of 5 supported), one rejected (2 of 5), one failed.
  store.contentRuns.add(contentRun({ pieceId: 'plants', finishedAt: day2 }));
  store.contentRuns.add(contentRun({ pieceId: 'rivers', status: 'ready', finishedAt: day2 + 1_000 }));
  store.contentRuns.add(contentRun({ pieceId: 'cells', status: 'in_review', confidence: 0.58, claimsSupported: 3, reviewId: accepted.id, finishedAt: day2 + 2_000 }));
  store.contentRuns.add(contentRun({ pieceId: 'atoms', status: 'in_review', confidence: 0.38, claimsSupported: 2, reviewId: rejected.id, finishedAt: day2 + 3_000 }));
  store.contentRuns.add(contentRun({ pieceId: 'stars', status: 'failed', reason: 'max_steps: quality gate not met', claimsChecked: undefined, claimsSupported: undefined, confidence: undefined, costUsd: 0.02, finishedAt: day2 + 4_000, traceId: undefined }));
  // March 3: one published, one corrected after review (4 of 5).
  store.contentRuns.add(contentRun({ pieceId: 'moons', finishedAt: day3, stageLatencyMs: { research: 40_000, write: 15_000, 'fact-check': 30_000, format: 10_000, publish: 50 } }));
  store.contentRuns.add(contentRun({ pieceId: 'volcanoes', status: 'in_review', confidence: 0.77, claimsSupported: 4, reviewId: corrected.id, finishedAt: day3 + 1_000 }));
  // The settler publishes the accepted piece: a run with the review's id, not another piece.
  store.contentRuns.add(
    contentRun({ pieceId: 'cells', workerId: 'settler', status: 'published', reason: 'accepted by ana', confidence: 0.58, claimsChecked: undefined, claimsSupported: undefined, costUsd: 0, workers: {}, stageLatencyMs: {}, stagesRun: ['publish'], reviewId: accepted.id, finishedAt: day3 + 2_000 }),
  );
  // March 4: one waiting for review, and one published whose topic, reason and model carry markup.
  store.contentRuns.add(contentRun({ pieceId: 'tides', status: 'in_review', confidence: 0.7, claimsSupported: 4, reviewId: waiting.id, finishedAt: contentFixtureNow - 3 * hour }));
  store.contentRuns.add(
    contentRun({
      pieceId: 'hostile',
      topic: hostileTopic,
      reason: '</td><script>window.__pwned = 3</script>',
      workers: { ...contentRun().workers, writer: { model: '<b>sim:strong</b>', modelCalls: 1, toolCalls: 0, inputTokens: 2_000, outputTokens: 1_000, costUsd: 0.015 } },
      finishedAt: contentFixtureNow - 2 * hour,
    }),
  );
  return {
    store,
    reviews: { accepted, rejected, corrected, waiting },
    cleanUp: async () => {
      store.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
