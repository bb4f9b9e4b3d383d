import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';
import { RateLimiter, type RateLimitPermit } from './rate-limiter.js';

/** Starts `count` acquires and collects the permits as they are granted. */
function acquireMany(limiter: RateLimiter, count: number, tokens = 0): RateLimitPermit[] {
  const granted: RateLimitPermit[] = [];
  for (let index = 0; index < count; index++) void limiter.acquire(tokens).then((permit) => granted.push(permit));
  return granted;
}

function headers(values: Record<string, string>) {
  return (name: string) => values[name];
}

describe('RateLimiter', () => {
  it('starts a quarter full, then paces at the configured rate less its margin, up to one second of the rpm at once', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 600 }, clock);
    const granted = acquireMany(limiter, 5);
    await clock.advance(0);
    // A quarter of one second's 10 requests: 2.5, so two go at once.
    expect(granted).toHaveLength(2);
    // 600 a minute is one per 100 ms; paced at 97% of it, the next whole request is due at 51.5 ms, then every 103.1 ms.
    await clock.advance(50);
    expect(granted).toHaveLength(2);
    await clock.advance(2);
    expect(granted).toHaveLength(3);
    await clock.advance(2 * 103.1);
    expect(granted).toHaveLength(5);
    // Idle, the bucket fills to one second of the rpm, and no further.
    await clock.advance(60_000);
    const burst = acquireMany(limiter, 12);
    await clock.advance(0);
    expect(burst).toHaveLength(10);
    expect(limiter.stats).toMatchObject({ sent: 15, refused: 0 });
  });

  it('keeps no more than maxConcurrency calls in flight', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ maxConcurrency: 2 }, clock);
    const granted = acquireMany(limiter, 3);
    await clock.advance(1000);
    expect(granted).toHaveLength(2);
    granted[0]!.settle({ status: 200 });
    await clock.advance(0);
    expect(granted).toHaveLength(3);
  });

  it('charges estimated tokens against the tpm and gives back what the reply did not use', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tpm: 6000 }, clock); // 100 tokens a second, starting with 25
    expect(limiter.countsTokens).toBe(true);
    await clock.advance(1000);
    const granted = acquireMany(limiter, 2, 80);
    await clock.advance(0);
    expect(granted).toHaveLength(1);
    // The first used 20 tokens, not 80: the 60 come back, and the second fits at once.
    granted[0]!.settle({ status: 200, usedTokens: 20, completionTokens: 10 });
    await clock.advance(0);
    expect(granted).toHaveLength(2);
    // Replies teach the completion to expect from a request without max_tokens.
    expect(limiter.expectedOutputTokens).toBeLessThan(256);
  });

  it('on a 429 waits the Retry-After for every call and halves the pace once per burst', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 600 }, clock);
    await clock.advance(1000);
    const first = acquireMany(limiter, 3);
    await clock.advance(0);
    // Three calls sent together, all refused: the pace is halved once, not three times.
    for (const permit of first) permit.settle({ status: 429, headers: headers({ 'retry-after-ms': '2000' }) });
    expect(limiter.stats.refused).toBe(3);
    expect(limiter.stats.rateShare).toBe(0.5);
    const next = acquireMany(limiter, 1);
    await clock.advance(1999);
    expect(next).toHaveLength(0);
    await clock.advance(1);
    expect(next).toHaveLength(1);
    // Each success adds a little back.
    next[0]!.settle({ status: 200 });
    expect(limiter.stats.rateShare).toBeCloseTo(0.52);
  });

  it('without Retry-After waits for the reset of the limit the 429 says is spent', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 600 }, clock);
    const granted = acquireMany(limiter, 1);
    await clock.advance(0);
    granted[0]!.settle({ status: 429, headers: headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '6m0s' }) });
    expect(limiter.delayMs()).toBe(360_000);
  });

  it('lowers its buckets to what the headers say is left, counting refill since the call left and calls sent after it', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 600 }, clock);
    await clock.advance(1000);
    const granted = acquireMany(limiter, 3);
    await clock.advance(0);
    await clock.advance(50);
    // The server had 1 left when it took the first call; 50 ms have refilled 0.5, and two calls were sent after it.
    granted[0]!.settle({ status: 200, headers: headers({ 'x-ratelimit-remaining-requests': '1', 'x-ratelimit-reset-requests': '900ms' }) });
    // 1 + 0.5 - 2 = -0.5: a whole request is 1.5 requests of refill away at 97% of 10 a second.
    expect(limiter.delayMs()).toBeCloseTo(1.5 / 0.0097, 0);
  });

  it('keeps to a lower limit the server reports', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 600 }, clock);
    const granted = acquireMany(limiter, 1);
    await clock.advance(0);
    granted[0]!.settle({ status: 200, headers: headers({ 'x-ratelimit-limit-requests': '60' }) });
    const more = acquireMany(limiter, 10);
    await clock.advance(0);
    const burst = more.length;
    await clock.advance(1000);
    // Now about one a second (60 a minute), no longer ten.
    expect(more.length - burst).toBeLessThanOrEqual(1);
  });

  it('lets an aborted wait go without taking a turn', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ rpm: 60 }, clock);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(0, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    const after = acquireMany(limiter, 1);
    await clock.advance(1100);
    expect(after).toHaveLength(1);
    expect(limiter.stats.sent).toBe(2);
  });
});
