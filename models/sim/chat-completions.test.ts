// The simulator through the official openai client over real HTTP: tool calls, streaming,
// structured output, usage, limits and determinism.
import { countTokens } from 'gpt-tokenizer';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunningSimServer } from './server.js';
import { startTestServer, testTools } from './test-support.js';

let server: RunningSimServer;
let client: OpenAI;

beforeAll(async () => {
  ({ server, client } = await startTestServer());
});
afterAll(() => server.close());

const goal = 'Search for the boiling point of water and calculate 17 * 23';

describe('tool calls', () => {
  it('answers a goal that needs a search with a search_web call carrying the query', async () => {
    const completion = await client.chat.completions.create({ model: 'oracle', messages: [{ role: 'user', content: goal }], tools: testTools, seed: 1 });
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message.tool_calls![0]!;
    expect(call.type).toBe('function');
    if (call.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('search_web');
    expect(JSON.parse(call.function.arguments)).toEqual({ query: 'the boiling point of water' });
    expect(call.id).toMatch(/^call_/);
  });

  it('streams a tool call in deltas split across chunks that reassemble to the same call', async () => {
    const request = { model: 'oracle', messages: [{ role: 'user' as const, content: goal }], tools: testTools, seed: 1 };
    const whole = await client.chat.completions.create(request);
    const stream = await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
    let name = '';
    let argumentsText = '';
    let argumentChunks = 0;
    let finishReason: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      for (const delta of choice.delta.tool_calls ?? []) {
        name += delta.function?.name ?? '';
        if (delta.function?.arguments) {
          argumentsText += delta.function.arguments;
          argumentChunks++;
        }
      }
      finishReason = choice.finish_reason ?? finishReason;
    }
    const expected = whole.choices[0]!.message.tool_calls![0]!;
    if (expected.type !== 'function') throw new Error('expected a function call');
    expect(name).toBe(expected.function.name);
    expect(argumentsText).toBe(expected.function.arguments);
    expect(argumentChunks).toBeGreaterThan(1);
    expect(finishReason).toBe('tool_calls');
    expect(usage).toEqual(whole.usage);
  });

  it('streams text through the SDK helper, with a final usage chunk', async () => {
    const runner = client.chat.completions.stream({ model: 'oracle', messages: [{ role: 'user', content: 'Reply with the word "pineapple".' }], stream_options: { include_usage: true } });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe('pineapple');
    expect(final.usage?.completion_tokens).toBe(countTokens('pineapple'));
  });

  it('honours tool_choice none, required and a named function', async () => {
    const messages = [{ role: 'user' as const, content: 'Reply with the word "ok".' }];
    const none = await client.chat.completions.create({ model: 'oracle', messages: [{ role: 'user', content: goal }], tools: testTools, tool_choice: 'none' });
    expect(none.choices[0]!.message.tool_calls).toBeUndefined();
    expect(none.choices[0]!.finish_reason).toBe('stop');

    const required = await client.chat.completions.create({ model: 'oracle', messages, tools: testTools, tool_choice: 'required' });
    expect(required.choices[0]!.message.tool_calls).toHaveLength(1);

    const named = await client.chat.completions.create({
      model: 'oracle',
      messages: [{ role: 'user', content: goal }],
      tools: testTools,
      tool_choice: { type: 'function', function: { name: 'calculator' } },
    });
    const call = named.choices[0]!.message.tool_calls![0]!;
    if (call.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('calculator');
    expect(JSON.parse(call.function.arguments)).toEqual({ expression: '17 * 23' });
  });

  it('cuts output at max_tokens and says so with finish_reason length', async () => {
    const completion = await client.chat.completions.create({
      model: 'oracle',
      messages: [{ role: 'user', content: 'Say "one two three four five six seven eight nine ten eleven twelve"' }],
      max_completion_tokens: 4,
    });
    expect(completion.choices[0]!.finish_reason).toBe('length');
    expect(completion.usage!.completion_tokens).toBe(4);
    expect(countTokens(completion.choices[0]!.message.content!)).toBe(4);
  });
});

describe('structured output', () => {
  it('returns a plan object that conforms to the requested schema', async () => {
    const planSchema = z.object({
      steps: z.array(z.object({ id: z.number().int(), task: z.string().min(1) })).min(1),
      reasoning: z.string(),
    });
    const completion = await client.chat.completions.create({
      model: 'oracle',
      messages: [{ role: 'user', content: 'Find the height of Mount Everest, then write it to everest.md' }],
      response_format: { type: 'json_schema', json_schema: { name: 'plan', schema: z.toJSONSchema(planSchema), strict: true } },
    });
    const plan = planSchema.parse(JSON.parse(completion.choices[0]!.message.content!));
    expect(plan.steps.map((step) => step.task)).toEqual(['Find the height of Mount Everest', 'Write it to everest.md']);
  });

  it('fills any schema: enums, nullable fields, nested arrays, bounds and formats', async () => {
    const schema = z.object({
      verdict: z.enum(['yes', 'no', 'unsure']),
      confidence: z.number().min(0).max(1),
      count: z.number().int().min(3).max(7),
      tags: z.array(z.string()).min(2),
      owner: z.object({ email: z.email(), since: z.iso.datetime() }),
      note: z.string().nullable(),
      flags: z.array(z.object({ name: z.string(), on: z.boolean() })),
    });
    const completion = await client.chat.completions.create({
      model: 'strong',
      messages: [{ role: 'user', content: 'Describe the weather.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'weather_report', schema: z.toJSONSchema(schema) } },
      seed: 3,
    });
    expect(() => schema.parse(JSON.parse(completion.choices[0]!.message.content!))).not.toThrow();
  });

  it('routes a supervisor decision to the next worker that has not reported, then finishes', async () => {
    const decision = z.object({ action: z.enum(['delegate', 'finish']), worker: z.enum(['researcher', 'writer', 'reviewer']).nullable(), task: z.string(), output: z.string().nullable() });
    const format = { type: 'json_schema' as const, json_schema: { name: 'supervisor_decision', schema: z.toJSONSchema(decision) } };
    const goalMessage = { role: 'user' as const, content: 'Research the speed of light and write a short summary.' };
    const first = decision.parse(JSON.parse((await client.chat.completions.create({ model: 'oracle', messages: [goalMessage], response_format: format })).choices[0]!.message.content!));
    expect(first).toMatchObject({ action: 'delegate', worker: 'researcher' });

    const reports = ['researcher reported: light travels at 299,792 km/s', 'writer reported: Light is fast: 299,792 km/s.', 'reviewer reported: fine'];
    const done = decision.parse(
      JSON.parse(
        (await client.chat.completions.create({ model: 'oracle', messages: [goalMessage, ...reports.map((content) => ({ role: 'user' as const, content }))], response_format: format }))
          .choices[0]!.message.content!,
      ),
    );
    expect(done).toMatchObject({ action: 'finish', worker: null, output: 'Light is fast: 299,792 km/s.' });
  });

  it('scores a review by how much of the goal the draft covers', async () => {
    const review = z.object({ score: z.number().min(1).max(10), feedback: z.string() });
    const format = { type: 'json_schema' as const, json_schema: { name: 'review', schema: z.toJSONSchema(review) } };
    const ask = async (draft: string) =>
      review.parse(
        JSON.parse(
          (await client.chat.completions.create({ model: 'oracle', messages: [{ role: 'user', content: 'Search for the boiling point of water' }, { role: 'user', content: draft }], response_format: format }))
            .choices[0]!.message.content!,
        ),
      );
    const good = await ask('The boiling point of water is 100 °C at sea level.');
    const poor = await ask('Something about temperatures.');
    expect(good.score).toBe(10);
    expect(poor.score).toBeLessThan(5);
    expect(poor.feedback).toContain('boiling');
  });
});

describe('usage and determinism', () => {
  it('counts prompt and completion tokens with the tokenizer', async () => {
    const content = 'Reply with the word "pineapple".';
    const completion = await client.chat.completions.create({ model: 'oracle', messages: [{ role: 'user', content }] });
    // 3 per message + role + content, then 3 to prime the reply.
    expect(completion.usage!.prompt_tokens).toBe(3 + countTokens('user') + countTokens(content) + 3);
    expect(completion.usage!.completion_tokens).toBe(countTokens(completion.choices[0]!.message.content!));
    expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);
  });

  it('returns the same body, ids included, for the same request and seed', async () => {
    const request = { model: 'weak', messages: [{ role: 'user' as const, content: goal }], tools: testTools, seed: 42 };
    const first = await client.chat.completions.create(request);
    const second = await client.chat.completions.create(request);
    expect(second).toEqual(first);
    const otherSeed = await client.chat.completions.create({ ...request, seed: 43 });
    expect(otherSeed.id).not.toBe(first.id);
  });
});
