// A model with rate limits behind the proxy: a 429 the limits explain is sent again by the proxy once
// the limiter lets it, so the agent never sees it; a 429 with room left (a spent quota) reaches the
// agent as sent; without limits every 429 reaches the agent, as before.
import OpenAI from 'openai';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../models/index.js';
import { startModelProxy, type ModelProxy } from './index.js';
import { agentClient, handleFor, startScriptedEndpoint, type ScriptedEndpoint } from './test-support.js';

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
};
const hello = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Reply with "hello"' }] };

let proxy: ModelProxy;
let endpoint: ScriptedEndpoint | undefined;

beforeAll(async () => {
  proxy = await startModelProxy();
});
afterAll(async () => {
  await proxy.close();
});
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

/** An endpoint that refuses the first `refusals` requests with a 429 carrying `headers` and `code`, then answers. */
async function refusingEndpoint(refusals: number, headers: Record<string, string>, code = 'rate_limit_exceeded'): Promise<ScriptedEndpoint> {
  let seen = 0;
  return startScriptedEndpoint((_request, response) => {
    seen += 1;
    if (seen <= refusals) {
      response.writeHead(429, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify({ error: { message: 'Rate limit reached', type: 'requests', param: null, code } }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-limit-requests': '6000', 'x-ratelimit-remaining-requests': '99' });
    response.end(JSON.stringify(completion));
  });
}

async function callThrough(limited: boolean): Promise<unknown> {
  const model = { ...handleFor(endpoint!.baseURL), ...(limited ? { rateLimiter: new RateLimiter({ rpm: 6000 }) } : {}) };
  const session = proxy.openSession({ model, agent: 'agent', captureContent: false });
  try {
    return await agentClient(session).chat.completions.create(hello).then(
      (reply) => reply.choices[0]!.message.content,
      (error: unknown) => error,
    );
  } finally {
    await session.close();
  }
}

describe('a rate-limited model behind the proxy', () => {
  it('sends a 429 of the limit again itself: the agent gets the answer', async () => {
    endpoint = await refusingEndpoint(2, { 'retry-after-ms': '20', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '20ms' });
    expect(await callThrough(true)).toBe('hello');
    expect(endpoint.requests).toHaveLength(3);
  });

  it('passes on a 429 whose headers show room left (a spent quota)', async () => {
    endpoint = await refusingEndpoint(1, { 'x-ratelimit-remaining-requests': '59' }, 'insufficient_quota');
    const error = await callThrough(true);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('without limits, passes every 429 on to the agent', async () => {
    endpoint = await refusingEndpoint(1, { 'retry-after-ms': '20', 'x-ratelimit-remaining-requests': '0' });
    expect(await callThrough(false)).toBeInstanceOf(OpenAI.RateLimitError);
    expect(endpoint.requests).toHaveLength(1);
  });
});
