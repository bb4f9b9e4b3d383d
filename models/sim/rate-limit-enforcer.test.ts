// The simulator's --rpm and --tpm: OpenAI's headers on every reply, and OpenAI's 429 past the limit.
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimitEnforcer } from './rate-limit-enforcer.js';
import type { RunningSimServer } from './server.js';
import { startTestServer } from './test-support.js';

describe('RateLimitEnforcer', () => {
  it('holds one second of the per-minute limit and refills it continuously', () => {
    let now = 0;
    const enforcer = new RateLimitEnforcer({ rpm: 120 }, () => now); // 2 a second
    expect(enforcer.admit('oracle', 10).admitted).toBe(true);
    const second = enforcer.admit('oracle', 10);
    expect(second).toMatchObject({ admitted: true, headers: { 'x-ratelimit-limit-requests': '120', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1s' } });
    const refused = enforcer.admit('oracle', 10);
    expect(refused.admitted).toBe(false);
    if (refused.admitted) return;
    expect(refused.retryAfterMs).toBe(500);
    expect(refused.body.error).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests' });
    expect(refused.headers).toMatchObject({ 'retry-after': '1', 'retry-after-ms': '500' });
    now = 500;
    expect(enforcer.admit('oracle', 10).admitted).toBe(true);
    // Limits are per model.
    expect(enforcer.admit('strong', 10).admitted).toBe(true);
  });

  it('counts a refused request against the limit, so a client that keeps retrying stays refused', () => {
    let now = 0;
    const enforcer = new RateLimitEnforcer({ rpm: 60 }, () => now); // 1 a second
    expect(enforcer.admit('oracle', 0).admitted).toBe(true);
    now = 900; // 0.9 refilled: refused, and the 0.9 is spent
    expect(enforcer.admit('oracle', 0).admitted).toBe(false);
    now = 1100; // a patient client would have got in at 1,000; this one waits until 1,900
    expect(enforcer.admit('oracle', 0).admitted).toBe(false);
  });

  it('charges the prompt and reserved completion up front, an unreserved completion once produced', () => {
    let now = 0;
    const enforcer = new RateLimitEnforcer({ tpm: 6000 }, () => now); // 100 tokens a second
    const admitted = enforcer.admit('oracle', 70);
    expect(admitted).toMatchObject({ admitted: true, headers: { 'x-ratelimit-limit-tokens': '6000', 'x-ratelimit-remaining-tokens': '30', 'x-ratelimit-reset-tokens': '700ms' } });
    enforcer.charge('oracle', 20);
    const refused = enforcer.admit('oracle', 20);
    expect(refused).toMatchObject({ admitted: false, body: { error: { type: 'tokens', code: 'rate_limit_exceeded' } } });
    if (!refused.admitted) expect(refused.retryAfterMs).toBe(100);
    // A request bigger than the bucket goes once the bucket is full, and leaves it in debt.
    now = 10_000;
    expect(enforcer.admit('oracle', 250).admitted).toBe(true);
    expect(enforcer.admit('oracle', 1).admitted).toBe(false);
  });
});

describe('the simulator with rate limits', () => {
  let server: RunningSimServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers with the x-ratelimit headers, and past the limit with a 429 the openai client reads as a RateLimitError', async () => {
    const started = await startTestServer({ rateLimits: { rpm: 60, tpm: 100_000 } });
    server = started.server;
    const request = { model: 'oracle', messages: [{ role: 'user' as const, content: 'Reply with "hi"' }] };
    const { response, data } = await started.client.chat.completions.create(request).withResponse();
    expect(data.choices[0]!.message.content).toBe('hi');
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('60');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(response.headers.get('x-ratelimit-reset-requests')).toMatch(/^(\d+ms|1s)$/);
    expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('100000');
    expect(Number(response.headers.get('x-ratelimit-remaining-tokens'))).toBeLessThan(100_000 / 60);
    expect(response.headers.get('x-ratelimit-reset-tokens')).toMatch(/^\d+ms$/);

    const refused = await started.client.chat.completions.create(request).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.message).toMatch(/requests per min \(RPM\): Limit 60/);
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(error.headers?.get('retry-after-ms'))).toBeGreaterThan(0);
    expect(error.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(server.rateLimitCounts?.()).toEqual({ admitted: 1, refused: 1 });
  });

  it('streams with the headers too', async () => {
    const started = await startTestServer({ rateLimits: { rpm: 600 } });
    server = started.server;
    const { response } = await started.client.chat.completions.create({ model: 'oracle', stream: true, messages: [{ role: 'user', content: 'Reply with "hi"' }] }).withResponse();
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('600');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('9');
  });

  it('sends no rate-limit headers without limits', async () => {
    const started = await startTestServer();
    server = started.server;
    const { response } = await started.client.chat.completions.create({ model: 'oracle', messages: [{ role: 'user', content: 'Reply with "hi"' }] }).withResponse();
    expect(response.headers.get('x-ratelimit-limit-requests')).toBeNull();
    expect(server.rateLimitCounts?.()).toBeUndefined();
  });
});
