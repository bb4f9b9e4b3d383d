import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('starts full, refills at its rate and never past its capacity', () => {
    const bucket = new TokenBucket(10, 0.01, 0); // 10 units, one per 100 ms
    expect(bucket.level(0)).toBe(10);
    for (let take = 0; take < 10; take++) expect(bucket.tryTake(1, 0)).toBe(true);
    expect(bucket.tryTake(1, 0)).toBe(false);
    expect(bucket.waitMs(1, 0)).toBeCloseTo(100);
    expect(bucket.waitMs(1, 60)).toBeCloseTo(40);
    expect(bucket.tryTake(1, 100)).toBe(true);
    expect(bucket.level(100_000)).toBe(10);
  });

  it('lets a take bigger than the bucket through when full, into debt that the refill pays back', () => {
    const bucket = new TokenBucket(100, 0.1, 0);
    expect(bucket.waitMs(250, 0)).toBe(0);
    expect(bucket.tryTake(250, 0)).toBe(true);
    expect(bucket.level(0)).toBe(-150);
    // 150 to pay back and 1 more to take: 1,510 ms at 0.1 a millisecond.
    expect(bucket.waitMs(1, 0)).toBeCloseTo(1510);
    expect(bucket.msUntilFull(0)).toBeCloseTo(2500);
  });

  it('is lowered to what a server says is left, and refunded up to capacity', () => {
    const bucket = new TokenBucket(10, 0.01, 0);
    bucket.capAt(2, 0);
    expect(bucket.level(0)).toBe(2);
    bucket.capAt(5, 0);
    expect(bucket.level(0)).toBe(2);
    bucket.adjust(100, 0);
    expect(bucket.level(0)).toBe(10);
  });
});
