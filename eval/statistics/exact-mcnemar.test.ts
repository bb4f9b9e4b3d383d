// The exact McNemar test against p-values worked out by hand from the binomial with p = ½.
import { describe, expect, it } from 'vitest';
import { fairBinomialLowerTail } from './binomial-tail.js';
import { exactMcNemar, type PairedOutcome } from './exact-mcnemar.js';

/** b pairs passed → failed, c pairs failed → passed, plus concordant pairs that must not matter. */
function pairs(b: number, c: number, bothPassed = 0, bothFailed = 0): PairedOutcome[] {
  return [
    ...Array.from({ length: b }, () => ({ baselinePassed: true, candidatePassed: false })),
    ...Array.from({ length: c }, () => ({ baselinePassed: false, candidatePassed: true })),
    ...Array.from({ length: bothPassed }, () => ({ baselinePassed: true, candidatePassed: true })),
    ...Array.from({ length: bothFailed }, () => ({ baselinePassed: false, candidatePassed: false })),
  ];
}

describe('exactMcNemar', () => {
  it('b = 0, c = 6 → p = 0.03125, improved', () => {
    // P(X ≤ 0) with n = 6 = 1/64; p = 2 × 1/64 = 0.03125 < 0.05, and c > b
    const result = exactMcNemar(pairs(0, 6, 10, 3));
    expect(result).toEqual({ b: 0, c: 6, discordant: 6, pValue: expect.closeTo(0.03125, 12), verdict: 'improved' });
  });

  it('b = 1, c = 6 → p = 0.125, no significant change', () => {
    // P(X ≤ 1) with n = 7 = (C(7,0) + C(7,1)) / 2⁷ = (1 + 7)/128 = 0.0625; p = 2 × 0.0625 = 0.125
    const result = exactMcNemar(pairs(1, 6));
    expect(result.pValue).toBeCloseTo(0.125, 12);
    expect(result.verdict).toBe('no significant change');
  });

  it('b = 7, c = 0 → p = 0.015625, regressed', () => {
    // P(X ≤ 0) with n = 7 = 1/128; p = 2/128 = 0.015625 < 0.05, and b > c
    const result = exactMcNemar(pairs(7, 0, 4));
    expect(result.pValue).toBeCloseTo(0.015625, 12);
    expect(result.verdict).toBe('regressed');
  });

  it('b = 5, c = 0 → p = 0.0625: five flips in a row are not yet significant', () => {
    // P(X ≤ 0) with n = 5 = 1/32; p = 2/32 = 0.0625 ≥ 0.05
    expect(exactMcNemar(pairs(5, 0))).toMatchObject({ pValue: expect.closeTo(0.0625, 12), verdict: 'no significant change' });
  });

  it('b = c caps the p-value at 1', () => {
    // P(X ≤ 3) with n = 6 = (1 + 6 + 15 + 20)/64 = 42/64; 2 × 42/64 > 1 → 1
    expect(exactMcNemar(pairs(3, 3)).pValue).toBe(1);
  });

  it('no discordant pairs → p = 1, no significant change', () => {
    expect(exactMcNemar(pairs(0, 0, 5, 5))).toEqual({ b: 0, c: 0, discordant: 0, pValue: 1, verdict: 'no significant change' });
    expect(exactMcNemar([]).pValue).toBe(1);
  });

  it('takes another alpha', () => {
    // b = 1, c = 6 → p = 0.125 < 0.2
    expect(exactMcNemar(pairs(1, 6), 0.2).verdict).toBe('improved');
  });
});

describe('fairBinomialLowerTail', () => {
  it('sums the fair-coin binomial', () => {
    // n = 4: (1 + 4 + 6) / 16 = 11/16
    expect(fairBinomialLowerTail(2, 4)).toBeCloseTo(11 / 16, 12);
    expect(fairBinomialLowerTail(4, 4)).toBe(1);
  });

  it('stays accurate past where 2⁻ⁿ underflows', () => {
    // n = 2001 is odd, so by symmetry P(X ≤ 1000) = ½ exactly
    expect(fairBinomialLowerTail(1000, 2001)).toBeCloseTo(0.5, 9);
  });
});
