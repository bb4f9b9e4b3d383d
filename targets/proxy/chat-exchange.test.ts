// A user's agent (the real openai client running a ReAct loop) talks to the simulator through the
// proxy: its model calls and the tool calls it ran are recorded from the conversation alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelCallStep, ToolCallStep, TrajectoryStep } from '../../agents/index.js';
import type { ModelHandle, ModelProvider } from '../../models/index.js';
import { startModelProxy, type ModelProxy } from './index.js';
import { agentClient, openSimModel, runToolLoop, searchResult } from './test-support.js';

let provider: ModelProvider;
let model: ModelHandle;
let proxy: ModelProxy;

beforeAll(async () => {
  ({ provider, model } = await openSimModel());
  proxy = await startModelProxy();
});
afterAll(async () => {
  await proxy.close();
  await provider.close();
});

function modelCalls(steps: TrajectoryStep[]): ModelCallStep[] {
  return steps.filter((step): step is ModelCallStep => step.type === 'model_call');
}

function toolCalls(steps: TrajectoryStep[]): ToolCallStep[] {
  return steps.filter((step): step is ToolCallStep => step.type === 'tool_call');
}

describe.each([
  { mode: 'non-streamed', stream: false },
  { mode: 'streamed', stream: true },
])('a tool loop through the proxy, $mode', ({ stream }) => {
  it('records each model call and pairs each tool call with the result the agent sent back', async () => {
    const session = proxy.openSession({ model, agent: 'my-agent', seed: 7, captureContent: false });
    const result = await runToolLoop(agentClient(session), { stream });
    const recording = await session.close();

    expect(result.answer).toContain('100 °C');
    expect(result.answer).toContain('391');
    expect(recording.endpointErrors).toEqual([]);
    expect(recording.steps.map((step) => (step.type === 'tool_call' ? step.tool : step.type))).toEqual(['model_call', 'search_web', 'model_call', 'calculator', 'model_call']);

    const calls = modelCalls(recording.steps);
    expect(calls.map((step) => step.finishReason)).toEqual(['tool_calls', 'tool_calls', 'stop']);
    for (const step of calls) {
      expect(step).toMatchObject({ agent: 'my-agent', model: 'oracle', provider: 'agentlab.sim', attempts: 1, temperature: 0, responseModel: 'oracle' });
      expect(step.inputTokens).toBeGreaterThan(0);
      expect(step.outputTokens).toBeGreaterThan(0);
      expect(step.responseId).toMatch(/^chatcmpl-/);
      expect(step.error).toBeUndefined();
    }
    expect(calls[0]!.toolCalls!.map((call) => call.name)).toEqual(['search_web']);
    expect(calls[2]!.content).toBe(result.answer);

    const tools = toolCalls(recording.steps);
    expect(tools.map(({ tool, arguments: argumentsText, result: text, ok }) => ({ tool, arguments: JSON.parse(argumentsText) as unknown, result: text, ok }))).toEqual([
      { tool: 'search_web', arguments: { query: 'the boiling point of water' }, result: searchResult, ok: true },
      { tool: 'calculator', arguments: { expression: '17 * 23' }, result: '391', ok: true },
    ]);
    expect(tools[0]!.callId).toBe(calls[0]!.toolCalls![0]!.id);
    expect(tools.every((step) => step.agent === 'my-agent' && step.latencyMs >= 0)).toBe(true);
    // Each tool call starts when the reply that asked for it ended, and ends before the next call.
    expect(tools[0]!.startedAt).toBeGreaterThanOrEqual(calls[0]!.startedAt + calls[0]!.latencyMs);
    expect(tools[0]!.startedAt + tools[0]!.latencyMs).toBeLessThanOrEqual(calls[1]!.startedAt);

    expect(recording.usage).toEqual({
      inputTokens: calls.reduce((sum, step) => sum + step.inputTokens, 0),
      outputTokens: calls.reduce((sum, step) => sum + step.outputTokens, 0),
      totalTokens: calls.reduce((sum, step) => sum + step.inputTokens + step.outputTokens, 0),
    });
  });
});

describe('streamed usage', () => {
  it('records usage but keeps the usage chunk from an agent that did not ask for it', async () => {
    const session = proxy.openSession({ model, agent: 'my-agent', captureContent: false });
    const result = await runToolLoop(agentClient(session), { stream: true });
    const recording = await session.close();
    expect(result.sawUsageChunk).toBe(false);
    expect(recording.usage.inputTokens).toBeGreaterThan(0);
    expect(recording.usage.outputTokens).toBeGreaterThan(0);
  });

  it('passes the usage chunk on to an agent that asked for it, with the same counts recorded', async () => {
    const session = proxy.openSession({ model, agent: 'my-agent', captureContent: false });
    const client = agentClient(session);
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Reply with "hello"' }], stream: true, stream_options: { include_usage: true } });
    let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    const recording = await session.close();
    expect(usage).toBeDefined();
    expect(recording.usage).toMatchObject({ inputTokens: usage!.prompt_tokens, outputTokens: usage!.completion_tokens });
  });
});

describe('what the endpoint is sent', () => {
  it('is the same conversation with the cell model and seed, answered the same as a direct call', async () => {
    const session = proxy.openSession({ model, agent: 'my-agent', seed: 42, captureContent: false });
    const messages = [{ role: 'user' as const, content: 'Reply with "same"' }];
    const proxied = await agentClient(session).chat.completions.create({ model: 'some-other-model', messages });
    const direct = await model.client.chat.completions.create({ model: 'oracle', messages, seed: 42 });
    await session.close();
    // The simulator answers a seeded request identically, ids and all: the proxy sent model oracle and seed 42.
    expect(proxied).toEqual(direct);
  });

  it("keeps the agent's own seed", async () => {
    const session = proxy.openSession({ model, agent: 'my-agent', seed: 42, captureContent: false });
    const messages = [{ role: 'user' as const, content: 'Reply with "seeded"' }];
    const proxied = await agentClient(session).chat.completions.create({ model: 'oracle', messages, seed: 5 });
    const direct = await model.client.chat.completions.create({ model: 'oracle', messages, seed: 5 });
    await session.close();
    expect(proxied.id).toBe(direct.id);
  });
});

describe('tool calls never answered', () => {
  it('are recorded as failed with no_result when the session closes', async () => {
    const session = proxy.openSession({ model, agent: 'my-agent', captureContent: false });
    const client = agentClient(session);
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Calculate 6 * 7' }],
      tools: [{ type: 'function', function: { name: 'calculator', parameters: { type: 'object', properties: { expression: { type: 'string' } } } } }],
    });
    const recording = await session.close();
    const call = completion.choices[0]!.message.tool_calls![0]!;
    expect(toolCalls(recording.steps)).toEqual([
      expect.objectContaining({ callId: call.id, tool: 'calculator', ok: false, errorCode: 'no_result', result: 'the agent sent no result for this call' }),
    ]);
  });
});
