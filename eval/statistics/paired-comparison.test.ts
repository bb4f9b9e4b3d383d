// Pairing results of two runs (or two models in one run) and what the paired test says of them.
import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '../../store/index.js';
import { compareModels, compareRuns } from './paired-comparison.js';
import { caseResult } from './result-fixture.js';

/** One result per status, for cases c1, c2, … in order. */
function run(runId: string, statuses: CaseStatus[], model = 'sim:strong') {
  return statuses.map((status, index) => caseResult({ runId, caseId: `c${index + 1}`, status, model }));
}

describe('compareRuns', () => {
  it('pairs by case and finds a significant regression with the flipped cases named', () => {
    // c1–c7 pass → fail (b = 7), c8 pass → pass, c9 fail → fail: p = 2 × (1/2⁷) = 0.015625 → regressed
    const baseline = run('base', ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'fail']);
    const candidate = run('cand', ['fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'pass', 'fail']);
    const comparison = compareRuns(baseline, candidate);
    expect(comparison).toMatchObject({ b: 7, c: 0, discordant: 7, paired: 9, excludedErrors: 0, verdict: 'regressed' });
    expect(comparison.pValue).toBeCloseTo(0.015625, 12);
    expect(comparison.flipped.regressions.map((flip) => flip.caseId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
    expect(comparison.flipped.regressions[0]).toEqual({ caseId: 'c1', agent: 'react', model: 'sim:strong', epoch: 1 });
    expect(comparison.flipped.improvements).toEqual([]);
  });

  it('leaves out pairs with an error on either side and counts them apart', () => {
    // c1 error/pass, c2 fail/error: excluded; c3 fail → pass: c = 1 → p = 2 × ½ = 1
    const baseline = run('base', ['error', 'fail', 'fail']);
    const candidate = run('cand', ['pass', 'error', 'pass']);
    const comparison = compareRuns(baseline, candidate);
    expect(comparison).toMatchObject({ b: 0, c: 1, paired: 1, excludedErrors: 2, pValue: 1, verdict: 'no significant change' });
    expect(comparison.flipped.improvements.map((flip) => flip.caseId)).toEqual(['c3']);
  });

  it('pairs epoch with epoch, and counts results with no partner', () => {
    const baseline = [caseResult({ caseId: 'c1', status: 'pass', epoch: 1 }), caseResult({ caseId: 'c1', status: 'pass', epoch: 2 })];
    const candidate = [
      caseResult({ caseId: 'c1', status: 'pass', epoch: 2 }),
      caseResult({ caseId: 'c1', status: 'fail', epoch: 3 }),
      caseResult({ caseId: 'c1', status: 'fail', model: 'sim:weak', epoch: 1 }),
    ];
    const comparison = compareRuns(baseline, candidate);
    expect(comparison).toMatchObject({ paired: 1, b: 0, c: 0, unmatched: { baseline: 1, candidate: 2 } });
  });
});

describe('compareModels', () => {
  it('pairs two models of one run by case, agent and epoch', () => {
    // weak fails c1–c6 that strong passes (b = 6), passes c7 that strong fails (c = 1):
    // P(X ≤ 1), n = 7 = 8/128 → p = 0.125 → no significant change
    const results = [
      ...run('one', ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'fail'], 'sim:strong'),
      ...run('one', ['fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'pass'], 'sim:weak'),
    ];
    const comparison = compareModels(results, 'sim:strong', 'sim:weak');
    expect(comparison).toMatchObject({ b: 6, c: 1, paired: 7, verdict: 'no significant change' });
    expect(comparison.pValue).toBeCloseTo(0.125, 12);
    expect(comparison.flipped.improvements).toEqual([{ caseId: 'c7', agent: 'react', epoch: 1 }]);
  });
});
