// The summary per (model, agent) and overall, against figures worked out by hand.
import { describe, expect, it } from 'vitest';
import type { CaseResultRecord, CaseStatus } from '../../store/index.js';
import { caseResult } from './result-fixture.js';
import { summarizeResults } from './summarize-results.js';

function result(model: string, caseId: string, epoch: number, status: CaseStatus, tokens: number, latencyMs: number, costUsd?: number): CaseResultRecord {
  return caseResult({ model, caseId, epoch, status, inputTokens: tokens - 10, outputTokens: 10, latencyMs, ...(costUsd !== undefined ? { costUsd } : {}) });
}

// m1 · react: c1 pass, pass, fail; c2 pass, error, fail — priced at $0.01 a result ($0.002 for the error)
// m2 · react: c1 fail ×3 — no price
const results = [
  result('m1', 'c1', 1, 'pass', 100, 1000, 0.01),
  result('m1', 'c1', 2, 'pass', 200, 2000, 0.01),
  result('m1', 'c1', 3, 'fail', 300, 3000, 0.01),
  result('m1', 'c2', 1, 'pass', 400, 4000, 0.01),
  result('m1', 'c2', 2, 'error', 50, 10, 0.002),
  result('m1', 'c2', 3, 'fail', 500, 5000, 0.01),
  result('m2', 'c1', 1, 'fail', 100, 1000),
  result('m2', 'c1', 2, 'fail', 100, 1000),
  result('m2', 'c1', 3, 'fail', 100, 1000),
];

describe('summarizeResults', () => {
  const { groups, overall } = summarizeResults(results);
  const [first, second] = groups;

  it('makes one group per (model, agent), sorted', () => {
    expect(groups.map((group) => [group.model, group.agent])).toEqual([
      ['m1', 'react'],
      ['m2', 'react'],
    ]);
  });

  it('counts errors apart and leaves them out of the success rate', () => {
    // m1: 3 pass, 2 fail, 1 error → Wilson over 3 of 5:
    // p = 0.6, d = 1 + z²/5 = 1.7682918, centre = (0.6 + z²/10)/d = 0.9841459/1.7682918 = 0.5565518
    // half = (z/d) × √(0.048 + z²/100) = 1.1083940 × √0.0864146 = 0.3258275 → [0.2307243, 0.8823792]
    expect(first).toMatchObject({ results: 6, passed: 3, failed: 2, errors: 1, cases: 2 });
    expect(first!.successRate.rate).toBe(0.6);
    expect(first!.successRate.lower).toBeCloseTo(0.2307243, 6);
    expect(first!.successRate.upper).toBeCloseTo(0.8823792, 6);
    // m2: 0 of 3 → upper = (z²/3)/(1 + z²/3) = 1.2804863/2.2804863 = 0.5614970
    expect(second!.successRate).toEqual({ rate: 0, lower: 0, upper: expect.closeTo(0.561497, 6) });
  });

  it('takes k as the fewest graded epochs of any case, the same k for every group', () => {
    // m1·c2 has 2 graded epochs (one error) → k = 2 everywhere
    expect(groups.map((group) => group.k)).toEqual([2, 2]);
    expect(overall.k).toBe(2);
  });

  it('averages unbiased pass@k and pass^k over cases', () => {
    // m1·c1: n = 3, c = 2 → pass@2 = 1 (one failure cannot fill two tries); pass^2 = C(2,2)/C(3,2) = 1/3
    // m1·c2: n = 2, c = 1 → pass@2 = 1; pass^2 = C(1,2)/C(2,2) = 0
    // m1: pass@2 = (1 + 1)/2 = 1; pass^2 = (1/3 + 0)/2 = 1/6
    expect(first!.passAtK).toBeCloseTo(1, 12);
    expect(first!.passHatK).toBeCloseTo(1 / 6, 12);
    expect(first!.casesAtK).toBe(2);
    // m2·c1: n = 3, c = 0 → both 0
    expect([second!.passAtK, second!.passHatK]).toEqual([0, 0]);
    // overall over three cases: pass@2 = (1 + 1 + 0)/3 = 2/3; pass^2 = (1/3 + 0 + 0)/3 = 1/9
    expect(overall.passAtK).toBeCloseTo(2 / 3, 12);
    expect(overall.passHatK).toBeCloseTo(1 / 9, 12);
  });

  it('takes percentiles of tokens and latency over graded results, totals over all', () => {
    // m1 graded tokens 100 200 300 400 500: p50 = 300; p95 rank 0.95 × 4 = 3.8 → 400 + 0.8 × 100 = 480
    // total includes the error's 50 tokens: 1500 + 50 = 1550
    expect(first!.tokens).toEqual({ p50: 300, p95: expect.closeTo(480, 9), total: 1550 });
    // latency 1000…5000 (the 10 ms error left out): p50 = 3000; p95 = 4000 + 0.8 × 1000 = 4800
    expect(first!.latencyMs).toEqual({ p50: 3000, p95: expect.closeTo(4800, 9) });
    // overall graded tokens sorted 100 100 100 100 200 300 400 500: p50 rank 3.5 → 150;
    // p95 rank 0.95 × 7 = 6.65 → 400 + 0.65 × 100 = 465; total 1550 + 300 = 1850
    expect(overall.tokens).toEqual({ p50: 150, p95: expect.closeTo(465, 9), total: 1850 });
  });

  it('totals cost with errors included, and divides by passes for cost per success', () => {
    // 5 × $0.01 + $0.002 = $0.052; per success $0.052 / 3 = $0.017333
    expect(first!.costUsd).toBeCloseTo(0.052, 12);
    expect(first!.costPerSuccess).toBeCloseTo(0.052 / 3, 12);
    // m2 has no price, and no pass
    expect(second!.costUsd).toBeUndefined();
    expect(second!.costPerSuccess).toBeUndefined();
    // overall: only priced results count on both sides of cost per success → $0.052 / 3
    expect(overall.costPerSuccess).toBeCloseTo(0.052 / 3, 12);
  });

  it('counts flaky cases', () => {
    // m1·c1 and m1·c2 both passed and failed; m2·c1 always failed
    expect([first!.flaky, second!.flaky, overall.flaky]).toEqual([2, 0, 2]);
  });

  it('sums everything overall', () => {
    // 3 pass, 5 fail, 1 error → rate 3/8 = 0.375
    expect(overall).toMatchObject({ results: 9, passed: 3, failed: 5, errors: 1, cases: 3 });
    expect(overall.successRate.rate).toBe(0.375);
  });

  it('takes an explicit k, leaving out cases with fewer graded epochs', () => {
    // k = 3: m1·c2 has 2 graded epochs → left out; m1·c1: pass^3 = C(2,3)/C(3,3) = 0, pass@3 = 1
    const summary = summarizeResults(results, { k: 3 });
    expect(summary.groups[0]).toMatchObject({ k: 3, casesAtK: 1, passAtK: 1, passHatK: 0 });
    expect(() => summarizeResults(results, { k: 0 })).toThrow(RangeError);
  });

  it('gives no rate for no results, rather than 0% or 100%', () => {
    const empty = summarizeResults([]);
    expect(empty.groups).toEqual([]);
    expect(empty.overall.successRate.rate).toBeNaN();
    expect(empty.overall.k).toBe(0);
    expect(empty.overall.passAtK).toBeNaN();
  });

  it('gives the error share beside the success rate, which still leaves errors out', () => {
    // m1: 1 error of 6 results; m2: none of 3; overall 1 of 9
    expect(first!.errorShare).toBeCloseTo(1 / 6, 12);
    expect(second!.errorShare).toBe(0);
    expect(overall.errorShare).toBeCloseTo(1 / 9, 12);
    expect(summarizeResults([]).overall.errorShare).toBeNaN();
  });

  it('gives pass^k counting errors as failed tries (τ-bench) beside pass^k over scored epochs', () => {
    // k = 3, every epoch: m1·c1 n = 3, c = 2 → C(2,3)/C(3,3) = 0; m1·c2 n = 3 (the error is a try), c = 1 → 0
    // over scored epochs m1·c2 has only 2 tries and is left out; counting errors it is in
    const summary = summarizeResults(results, { k: 3 });
    expect(summary.groups[0]).toMatchObject({ casesAtK: 1, casesAtKCountingErrors: 2, passHatKCountingErrors: 0 });
    // k = 2: m1·c1 C(2,2)/C(3,2) = 1/3; m1·c2 C(1,2)/C(3,2) = 0 → 1/6, the same as over scored epochs here
    expect(first!.passHatKCountingErrors).toBeCloseTo(1 / 6, 12);
    // k = 1, c1 passed once and errored once, c2 passed twice: scored, both always pass → 1;
    // counting errors, c1 passes 1 of 2 tries → (0.5 + 1)/2 = 0.75
    const flakyEndpoint = summarizeResults(
      [result('m1', 'c1', 1, 'pass', 10, 10), result('m1', 'c1', 2, 'error', 10, 10), result('m1', 'c2', 1, 'pass', 10, 10), result('m1', 'c2', 2, 'pass', 10, 10)],
      { k: 1 },
    );
    expect(flakyEndpoint.overall).toMatchObject({ passHatK: 1, passHatKCountingErrors: 0.75 });
  });

  it('has no rate for a group where every result was an error', () => {
    const summary = summarizeResults([result('m1', 'c1', 1, 'error', 10, 10), result('m1', 'c1', 2, 'error', 10, 10)]);
    expect(summary.groups[0]).toMatchObject({ errors: 2, passed: 0, failed: 0, k: 0, casesAtK: 0, errorShare: 1 });
    expect(summary.groups[0]!.successRate.rate).toBeNaN();
    // with the run's k, counting errors gives the honest answer: no try passed
    expect(summarizeResults([result('m1', 'c1', 1, 'error', 10, 10), result('m1', 'c1', 2, 'error', 10, 10)], { k: 2 }).overall).toMatchObject({
      passHatKCountingErrors: 0,
      casesAtKCountingErrors: 1,
    });
  });
});
