// pass@k against values worked out by hand from 1 − C(n−c, k) / C(n, k).
import { describe, expect, it } from 'vitest';
import { passAtK, passAtKOverTasks } from './pass-at-k.js';

describe('passAtK', () => {
  it('n = 5, c = 2, k = 2 → 0.7', () => {
    // C(3, 2) = 3, C(5, 2) = 10 → 1 − 3/10 = 0.7
    expect(passAtK(5, 2, 2)).toBeCloseTo(0.7, 12);
  });

  it('n = 10, c = 3, k = 3 → 0.7083', () => {
    // C(7, 3) = 35, C(10, 3) = 120 → 1 − 35/120 = 85/120 = 0.708333…
    expect(passAtK(10, 3, 3)).toBeCloseTo(85 / 120, 12);
  });

  it('k = 1 is the plain success rate', () => {
    // 1 − C(n−c, 1)/C(n, 1) = 1 − (n−c)/n = c/n = 3/8
    expect(passAtK(8, 3, 1)).toBeCloseTo(0.375, 12);
  });

  it('is 1 when fewer than k tries failed, and 0 when none passed', () => {
    // n = 5, c = 4, k = 2: one failure cannot fill a draw of two
    expect(passAtK(5, 4, 2)).toBe(1);
    expect(passAtK(5, 0, 2)).toBe(0);
  });

  it('stays finite where binomial coefficients would overflow', () => {
    // C(2000, 1000) ≈ 2.0e600 overflows a double; with c = 1000, k = 1: c/n = 0.5
    expect(passAtK(2000, 1000, 1)).toBeCloseTo(0.5, 12);
  });

  it('is NaN when k > n', () => {
    expect(passAtK(2, 1, 3)).toBeNaN();
  });

  it('refuses impossible counts', () => {
    expect(() => passAtK(3, 4, 1)).toThrow(RangeError);
    expect(() => passAtK(3, 1, 0)).toThrow(RangeError);
  });
});

describe('passAtKOverTasks', () => {
  it('averages per task', () => {
    // task 1: n = 5, c = 2, k = 2 → 0.7; task 2: n = 5, c = 0 → 0; task 3: n = 5, c = 5 → 1
    // mean = (0.7 + 0 + 1) / 3 = 0.566667
    expect(passAtKOverTasks([{ n: 5, c: 2 }, { n: 5, c: 0 }, { n: 5, c: 5 }], 2)).toBeCloseTo(1.7 / 3, 12);
  });

  it('is NaN with no tasks, or when a task has fewer than k tries', () => {
    expect(passAtKOverTasks([], 2)).toBeNaN();
    expect(passAtKOverTasks([{ n: 5, c: 2 }, { n: 1, c: 1 }], 2)).toBeNaN();
  });
});
