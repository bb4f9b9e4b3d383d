// pass^k against values worked out by hand from C(c, k) / C(n, k).
import { describe, expect, it } from 'vitest';
import { passAtK } from './pass-at-k.js';
import { passHatK, passHatKOverTasks } from './pass-hat-k.js';

describe('passHatK', () => {
  it('n = 5, c = 2, k = 2 → 0.1', () => {
    // C(2, 2) = 1, C(5, 2) = 10 → 1/10
    expect(passHatK(5, 2, 2)).toBeCloseTo(0.1, 12);
  });

  it('n = 10, c = 8, k = 3 → 0.4667', () => {
    // C(8, 3) = 56, C(10, 3) = 120 → 56/120 = 0.466667
    expect(passHatK(10, 8, 3)).toBeCloseTo(56 / 120, 12);
  });

  it('is 0 when fewer than k tries passed, and 1 when all did', () => {
    expect(passHatK(5, 1, 2)).toBe(0);
    expect(passHatK(4, 4, 4)).toBe(1);
  });

  it('never exceeds pass@k: all k succeeding is rarer than one of k succeeding', () => {
    // n = 5, c = 3, k = 2: pass^2 = C(3,2)/C(5,2) = 3/10; pass@2 = 1 − C(2,2)/C(5,2) = 9/10
    expect(passHatK(5, 3, 2)).toBeCloseTo(0.3, 12);
    expect(passAtK(5, 3, 2)).toBeCloseTo(0.9, 12);
  });

  it('is NaN when k > n', () => {
    expect(passHatK(2, 2, 3)).toBeNaN();
  });
});

describe('passHatKOverTasks', () => {
  it('averages per task', () => {
    // n = 5, c = 2, k = 2 → 0.1; n = 5, c = 5 → 1 — mean = 1.1 / 2 = 0.55
    expect(passHatKOverTasks([{ n: 5, c: 2 }, { n: 5, c: 5 }], 2)).toBeCloseTo(0.55, 12);
  });

  it('is NaN with no tasks', () => {
    expect(passHatKOverTasks([], 1)).toBeNaN();
  });
});
