// The simulator's context windows over real HTTP through the openai client: a request that fits is
// answered, one that does not gets OpenAI's 400 context_length_exceeded, and the count it refuses on
// is the count it reports as usage.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPromptTokenCounter } from '../prompt-tokens.js';
import { builtInProfiles } from './profiles.js';
import type { RunningSimServer } from './server.js';
import { startTestServer, testTools } from './test-support.js';

let server: RunningSimServer;
let client: OpenAI;

beforeAll(async () => {
  ({ server, client } = await startTestServer());
});
afterAll(() => server.close());

/** A user message of about `words` tokens. */
function longMessage(words: number): string {
  return `Summarise this: ${'river '.repeat(words)}`;
}

async function rejection(request: OpenAI.ChatCompletionCreateParamsNonStreaming): Promise<InstanceType<typeof OpenAI.BadRequestError>> {
  try {
    await client.chat.completions.create(request);
  } catch (error) {
    if (error instanceof OpenAI.BadRequestError) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe('context windows', () => {
  it('gives the profiles realistic windows', () => {
    expect(builtInProfiles.strong!.contextWindow).toBe(128_000);
    expect(builtInProfiles.weak!.contextWindow).toBe(8_192);
    expect(builtInProfiles.small!.contextWindow).toBe(8_192);
  });

  it('refuses messages longer than the window with OpenAI error shape and wording', async () => {
    const counter = await loadPromptTokenCounter();
    const request = { model: 'weak', messages: [{ role: 'user' as const, content: longMessage(9_000) }], seed: 1 };
    const promptTokens = counter.countRequest(request);
    expect(promptTokens).toBeGreaterThan(8_192);
    const error = await rejection(request);
    expect(error.status).toBe(400);
    expect(error.code).toBe('context_length_exceeded');
    expect(error.type).toBe('invalid_request_error');
    expect(error.param).toBe('messages');
    expect(error.error).toEqual({
      message: `This model's maximum context length is 8192 tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`,
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    });
  });

  it('counts the completion a request reserves with max_tokens against the window', async () => {
    const counter = await loadPromptTokenCounter();
    const request = { model: 'small', messages: [{ role: 'user' as const, content: longMessage(7_500) }], seed: 1 };
    const promptTokens = counter.countRequest(request);
    expect(promptTokens).toBeLessThan(8_192);
    // Without a reservation it fits; reserving 1,000 completion tokens does not.
    await expect(client.chat.completions.create(request)).resolves.toBeDefined();
    const error = await rejection({ ...request, max_tokens: 1_000 });
    expect(error.message).toContain(
      `This model's maximum context length is 8192 tokens. However, you requested ${promptTokens + 1_000} tokens (${promptTokens} in the messages, 1000 in the completion). Please reduce the length of the messages or completion.`,
    );
    const viaMaxCompletion = await rejection({ ...request, max_completion_tokens: 1_000 });
    expect(viaMaxCompletion.code).toBe('context_length_exceeded');
  });

  it('reports as prompt_tokens exactly what an agent counts with loadPromptTokenCounter, tools included', async () => {
    const counter = await loadPromptTokenCounter();
    const request: OpenAI.ChatCompletionCreateParamsNonStreaming = {
      model: 'strong',
      messages: [
        { role: 'system', content: 'You are careful.' },
        { role: 'user', content: 'Read notes.txt and search for the height of Mount Everest' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"notes.txt"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'The meeting is on Tuesday.' },
      ],
      tools: testTools,
      seed: 1,
    };
    const completion = await client.chat.completions.create(request);
    expect(completion.usage?.prompt_tokens).toBe(counter.countRequest(request));
  });
});
