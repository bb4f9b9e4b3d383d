// The rate-limited openai client against the simulator enforcing the same limits: calls sent all at
// once are paced so that none is refused, on requests and on tokens, and the client's own timeout
// does not count the wait.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimServer, type RunningSimServer } from '../sim/index.js';
import { RateLimitedOpenAI } from './rate-limited-client.js';
import { RateLimiter } from './rate-limiter.js';

let server: RunningSimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function callAll(limits: { rpm?: number; tpm?: number }, calls: number, timeoutMs = 10_000): Promise<string[]> {
  server = await startSimServer({ latency: 'zero', rateLimits: limits });
  const limiter = new RateLimiter(limits);
  const client = new RateLimitedOpenAI({ baseURL: server.baseURL, apiKey: 'sim', maxRetries: 0, timeout: timeoutMs }, limiter);
  const replies = await Promise.all(
    Array.from({ length: calls }, (_, index) =>
      client.chat.completions.create({ model: 'oracle', max_tokens: 20, messages: [{ role: 'user', content: `Reply with "ok ${index}"` }] }),
    ),
  );
  return replies.map((reply) => reply.choices[0]!.message.content ?? '');
}

describe('RateLimitedOpenAI against a simulator with the same limits', () => {
  it('paces a burst of calls under the rpm: every one answered, none refused', async () => {
    const answers = await callAll({ rpm: 240 }, 8); // one at once, then one every 258 ms (97% of 4 a second)
    expect(answers).toEqual(Array.from({ length: 8 }, (_, index) => `ok ${index}`));
    expect(server!.rateLimitCounts?.()).toEqual({ admitted: 8, refused: 0 });
  });

  it('paces them under the tpm, charging each its prompt and max_tokens', async () => {
    const answers = await callAll({ tpm: 3000 }, 6); // 50 tokens a second; each call about 35
    expect(answers).toHaveLength(6);
    expect(server!.rateLimitCounts?.()).toEqual({ admitted: 6, refused: 0 });
  });

  it('starts the timeout after the wait: calls queued longer than it are not timed out', async () => {
    // 3 calls at 120 a minute: the last waits about a second, with a half-second timeout.
    const answers = await callAll({ rpm: 120 }, 3, 500);
    expect(answers).toHaveLength(3);
  });
});
