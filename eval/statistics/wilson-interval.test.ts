// Wilson intervals against values worked out by hand with z = 1.959964, z² = 3.841458881.
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval.js';

describe('wilsonInterval', () => {
  it('8 of 10 → [0.4902, 0.9433]', () => {
    // p = 0.8, z²/n = 0.3841459, denominator d = 1.3841459
    // centre = (0.8 + z²/2n) / d = (0.8 + 0.1920729) / 1.3841459 = 0.7167402
    // half   = (z / d) × √(p(1−p)/n + z²/4n²) = (1.959964 / 1.3841459) × √(0.016 + 0.0096036)
    //        = 1.4160185 × 0.1600114 = 0.2265777
    // lower = 0.7167402 − 0.2265777 = 0.4901625; upper = 0.7167402 + 0.2265777 = 0.9433179
    const interval = wilsonInterval(8, 10);
    expect(interval.rate).toBe(0.8);
    expect(interval.lower).toBeCloseTo(0.4901625, 6);
    expect(interval.upper).toBeCloseTo(0.9433178, 6);
  });

  it('0 of 10 → [0, 0.2775]: the interval does not collapse at 0%', () => {
    // p = 0: centre = half = (z²/2n)/d = 0.1920729 / 1.3841459 = 0.1387664
    // upper = 2 × 0.1387664 = 0.2775328 (= (z²/n)/(1 + z²/n) = 0.3841459 / 1.3841459)
    const interval = wilsonInterval(0, 10);
    expect(interval).toEqual({ rate: 0, lower: 0, upper: expect.closeTo(0.2775328, 6) });
  });

  it('10 of 10 → [0.7225, 1]', () => {
    // By symmetry with 0 of 10: lower = 1 − 0.2775328 = 0.7224672 (= 1 / 1.3841459), upper exactly 1.
    const interval = wilsonInterval(10, 10);
    expect(interval.lower).toBeCloseTo(0.7224672, 6);
    expect(interval.upper).toBe(1);
  });

  it('1 of 1 → [0.2065, 1]: one success says little', () => {
    // lower = 1 / (1 + z²) = 1 / 4.8414589 = 0.2065493
    const interval = wilsonInterval(1, 1);
    expect(interval.lower).toBeCloseTo(0.2065493, 6);
    expect(interval.upper).toBe(1);
  });

  it('5 of 10 is centred on one half', () => {
    // centre = (0.5 + 0.1920729) / 1.3841459 = 0.5; half = 1.4160185 × √(0.025 + 0.0096036) = 0.2634069
    const interval = wilsonInterval(5, 10);
    expect(interval.lower).toBeCloseTo(0.2365931, 6);
    expect(interval.upper).toBeCloseTo(0.7634069, 6);
  });

  it('no trials: no rate, and the interval is all of [0, 1]', () => {
    const interval = wilsonInterval(0, 0);
    expect(interval.rate).toBeNaN();
    expect([interval.lower, interval.upper]).toEqual([0, 1]);
  });

  it('a smaller z (z = 1, about 68%) gives a narrower interval than the 95% default', () => {
    const wide = wilsonInterval(8, 10);
    const narrow = wilsonInterval(8, 10, 1);
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
  });
});
