import { describe, expect, it } from 'vitest';
import { describeRateLimitedModel, evalRateLimits } from './eval-rate-limits.js';

const usage = { baseURL: 'https://user:secret@api.example.com/v1/', model: 'gpt-4o-mini', limits: { rpm: 600, tpm: 200_000 }, sent: 1_000, waited: 800, waitedMs: 400_000, refused: 2, rateShare: 0.5 };

describe('evalRateLimits', () => {
  it('is undefined when no model had limits', () => {
    expect(evalRateLimits([], { startedAt: 0, finishedAt: 60_000 })).toBeUndefined();
  });

  it('counts the calls per minute over the run and never shows the endpoint credentials', () => {
    const report = evalRateLimits([usage], { startedAt: 0, finishedAt: 120_000 })!;
    expect(report.models).toEqual([{ model: 'gpt-4o-mini', baseURL: 'https://api.example.com/v1', rpm: 600, tpm: 200_000, sent: 1_000, waited: 800, waitedMs: 400_000, refused: 2, callsPerMinute: 500 }]);
    expect(report.line).toBe('Rate limits: gpt-4o-mini at https://api.example.com/v1 (rpm 600, tpm 200,000): 1,000 calls, 500 a minute (83% of the rpm); 800 waited their turn, 0.50 s on average; 2 429s from the endpoint.');
    expect(report.line).not.toContain('secret');
  });

  it('leaves the rate out for an unfinished run and says when nothing waited', () => {
    const report = evalRateLimits([{ ...usage, limits: { maxConcurrency: 4 }, waited: 0, waitedMs: 0, refused: 0 }], { startedAt: 0 })!;
    expect(report.models[0]!.callsPerMinute).toBeUndefined();
    expect(describeRateLimitedModel(report.models[0]!)).toBe('gpt-4o-mini at https://api.example.com/v1 (maxConcurrency 4): 1,000 calls; none waited for the limits; no 429s');
  });
});
