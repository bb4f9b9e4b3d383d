// Percentiles by linear interpolation, against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { percentile } from './percentile.js';

describe('percentile', () => {
  const values = [40, 10, 30, 20, 50]; // sorted: 10 20 30 40 50, n − 1 = 4

  it('p50 of an odd sample is the middle value', () => {
    // rank = 0.5 × 4 = 2 → 30
    expect(percentile(values, 50)).toBe(30);
  });

  it('p95 interpolates between the two highest values', () => {
    // rank = 0.95 × 4 = 3.8 → 40 + 0.8 × (50 − 40) = 48
    expect(percentile(values, 95)).toBeCloseTo(48, 12);
  });

  it('p50 of an even sample is the mean of the middle two', () => {
    // [1, 2, 3, 10]: rank = 0.5 × 3 = 1.5 → 2 + 0.5 × (3 − 2) = 2.5
    expect(percentile([10, 1, 3, 2], 50)).toBe(2.5);
  });

  it('p0 and p100 are the minimum and maximum; one value is every percentile', () => {
    expect(percentile(values, 0)).toBe(10);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile([7], 95)).toBe(7);
  });

  it('is NaN for no values and refuses p outside 0–100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(values, 101)).toThrow(RangeError);
    expect(() => percentile(values, Number.NaN)).toThrow(RangeError);
  });

  it('does not reorder the caller’s array', () => {
    const input = [3, 1, 2];
    percentile(input, 50);
    expect(input).toEqual([3, 1, 2]);
  });
});
