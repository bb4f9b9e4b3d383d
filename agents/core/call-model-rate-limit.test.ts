// A 429 from a model whose client keeps to configured rate limits costs the call no try: the limiter
// holds the next send for the Retry-After, and the call goes on until it is let through. Without
// limits the same 429s spend the call's tries and end the run.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimitedOpenAI, RateLimiter } from '../../models/index.js';
import type { AgentModel } from './agent-options.js';
import { callModel } from './call-model.js';
import { RunStop } from './run-stop.js';

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
};

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** An endpoint that refuses the first `refusals` requests as a rate limit does, then answers. */
async function refusingEndpoint(refusals: number): Promise<string> {
  let seen = 0;
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      seen += 1;
      if (seen <= refusals) {
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after-ms': '10', 'x-ratelimit-remaining-requests': '0' });
        response.end(JSON.stringify({ error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } }));
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(completion));
      }
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/v1`;
}

function call(model: AgentModel) {
  return callModel('react', { messages: [{ role: 'user', content: 'Reply with "hello"' }] }, {
    model,
    limits: { maxSteps: 10, maxTokens: 10_000, modelTimeoutMs: 5_000, modelTries: 3 },
    now: () => performance.now(),
    sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
    onRetry: () => undefined,
  });
}

describe('callModel on a rate-limited model', () => {
  it('gets past more 429s than it has tries, recording each', async () => {
    const baseURL = await refusingEndpoint(5);
    const client = new RateLimitedOpenAI({ baseURL, apiKey: 'k', maxRetries: 0 }, new RateLimiter({ rpm: 6000 }));
    const { completion: reply, step } = await call({ client, model: 'm', provider: 'openai' });
    expect(reply.choices[0]!.message.content).toBe('hello');
    expect(step.attempts).toBe(6);
    expect(step.retries?.map((retry) => retry.status)).toEqual([429, 429, 429, 429, 429]);
  });

  it('without limits, spends its three tries on them and stops', async () => {
    const baseURL = await refusingEndpoint(5);
    const client = new OpenAI({ baseURL, apiKey: 'k', maxRetries: 0 });
    const stopped = await call({ client, model: 'm', provider: 'openai' }).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(RunStop);
    expect((stopped as RunStop).message).toMatch(/failed 3 times/);
  });
});
