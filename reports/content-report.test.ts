// The content page's figures from the store's totals: outcomes per day (days without pieces
// included), accuracy automated and after review under the stated rule (accepted: every claim holds;
// rejected or corrected: none does; waiting: the fact-checker's verdicts), and workers in the
// pipeline's order with their cost per piece.
import { describe, expect, it } from 'vitest';
import type { ContentReportTotals } from '../store/index.js';
import { contentReport } from './content-report.js';

const claims = (checkedRuns: number, claimsChecked: number, claimsSupported: number) => ({ checkedRuns, claimsChecked, claimsSupported });

const totals: ContentReportTotals = {
  byDayStatus: [
    { day: '2026-03-01', status: 'published', runs: 3, costUsd: 0.3, ...claims(3, 15, 15) },
    { day: '2026-03-01', status: 'in_review', runs: 3, costUsd: 0.3, ...claims(3, 15, 9) },
    { day: '2026-03-03', status: 'failed', runs: 1, costUsd: 0.05, ...claims(0, 0, 0) },
  ],
  byDayReview: [
    { day: '2026-03-01', review: 'accepted', runs: 1, ...claims(1, 5, 3) },
    { day: '2026-03-01', review: 'corrected', runs: 1, ...claims(1, 5, 4) },
    { day: '2026-03-01', review: 'pending', runs: 1, ...claims(1, 5, 2) },
  ],
  byWorker: [
    { worker: 'writer', model: 'sim:strong', runs: 7, modelCalls: 7, toolCalls: 0, inputTokens: 70, outputTokens: 7, costUsd: 0.14, unpricedRuns: 0 },
    { worker: 'extra', model: 'local', runs: 1, modelCalls: 1, toolCalls: 0, inputTokens: 1, outputTokens: 1, costUsd: 0, unpricedRuns: 1 },
    { worker: 'supervisor', model: 'sim:weak', runs: 6, modelCalls: 30, toolCalls: 0, inputTokens: 600, outputTokens: 60, costUsd: 0.006, unpricedRuns: 0 },
    { worker: 'supervisor', model: 'sim:strong', runs: 1, modelCalls: 5, toolCalls: 0, inputTokens: 100, outputTokens: 10, costUsd: 0.001, unpricedRuns: 0 },
  ],
  stageLatency: [
    { stage: 'write', runs: 6, p50Ms: 100, p95Ms: 200 },
    { stage: 'research', runs: 7, p50Ms: 300, p95Ms: 900 },
  ],
  recent: [],
};

describe('contentReport', () => {
  const report = contentReport(totals, { fromDay: '2026-03-01', toDay: '2026-03-03' });

  it('gives every day of the period, its pieces by outcome, the waiting ones being those sent to review and not decided', () => {
    expect(report.days.map((day) => [day.day, day.pieces, day.publishedAutomatically, day.sentToReview, day.waitingForReview, day.publishedAfterReview, day.returned, day.failed])).toEqual([
      ['2026-03-01', 6, 3, 3, 1, 1, 1, 0],
      ['2026-03-02', 0, 0, 0, 0, 0, 0, 0],
      ['2026-03-03', 1, 0, 0, 0, 0, 0, 1],
    ]);
    expect(report.overall).toMatchObject({ pieces: 7, publishedAutomatically: 3, sentToReview: 3, waitingForReview: 1, publishedAfterReview: 1, returned: 1, failed: 1 });
    expect(report.overall.costUsd).toBeCloseTo(0.65, 10);
    expect(report.overall.costPerPiece).toBeCloseTo(0.65 / 7, 10);
  });

  it('counts an accepted piece’s claims as all holding and a corrected one’s as none, the waiting one keeping the fact-checker’s verdicts', () => {
    const accuracy = report.overall.accuracy;
    expect(accuracy.automated).toMatchObject({ checkedPieces: 6, claimsChecked: 30, claimsHolding: 24 });
    // 24 supported − 3 (accepted, supported) + 5 (accepted, all) − 4 (corrected, supported).
    expect(accuracy.afterReview).toMatchObject({ checkedPieces: 6, claimsChecked: 30, claimsHolding: 22 });
    expect(accuracy.reviewedPieces).toBe(2);
    expect(accuracy.afterReview.interval.rate).toBeCloseTo(22 / 30, 10);
    expect(accuracy.afterReview.interval.lower).toBeLessThan(22 / 30);
    expect(accuracy.afterReview.interval.upper).toBeGreaterThan(22 / 30);
    // A day with nothing checked has no rate rather than 0%.
    expect(Number.isNaN(report.days[2]!.accuracy.automated.interval.rate)).toBe(true);
  });

  it('lists the supervisor and workers in the pipeline’s order, others after, each with its models (most runs first) and cost per piece', () => {
    expect(report.workers.map((worker) => [worker.worker, worker.models, worker.runs])).toEqual([
      ['supervisor', ['sim:weak', 'sim:strong'], 7],
      ['writer', ['sim:strong'], 7],
      ['extra', ['local'], 1],
    ]);
    expect(report.workers[1]!.costPerPiece).toBeCloseTo(0.02, 10);
    expect(report.stages.map((stage) => stage.stage)).toEqual(['research', 'write']);
  });
});
