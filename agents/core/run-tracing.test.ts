// The span tree of every agent, recorded by the real OpenTelemetry SDK into an in-memory sink:
// names, kinds, parents, GenAI attributes, usage equal to the trajectory's, errors, and separate
// traces for concurrent runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelHandle } from '../../models/index.js';
import { capturedContentMaxLength, MemorySpanSink, setupTracing, summarizeTrace, type SpanRecord, type Tracing } from '../../tracing/index.js';
import { agentPatterns, type AgentName } from '../patterns/index.js';
import type { AgentOptions } from './agent-options.js';
import type { AgentResult, ModelCallStep, ToolCallStep } from './agent-result.js';
import { runAgent } from './run-agent.js';
import { createAgentTestBed, type AgentTestBed } from './test-support.js';

let bed: AgentTestBed;
let oracle: ModelHandle;
let tracing: Tracing;
const sink = new MemorySpanSink();

beforeAll(async () => {
  bed = createAgentTestBed();
  oracle = await bed.open('sim:oracle');
  tracing = setupTracing({ sinks: [sink], exportDelayMs: 10, environment: {} });
});
afterAll(async () => {
  await tracing.shutdown();
  await bed.close();
});

async function traced(agent: AgentName, goal: string, options: Partial<AgentOptions> = {}): Promise<{ result: AgentResult; spans: SpanRecord[] }> {
  const { registry } = await bed.tools();
  const result = await runAgent(agent, agentPatterns[agent], goal, { model: oracle, tools: registry, tracer: tracing.tracer, seed: 3, ...options });
  await tracing.forceFlush();
  expect(result.traceId).toMatch(/^[0-9a-f]{32}$/);
  return { result, spans: sink.trace(result.traceId!) };
}

const byOperation = (spans: SpanRecord[], operation: string) => spans.filter((span) => span.attributes['gen_ai.operation.name'] === operation);
const parentOf = (spans: SpanRecord[], span: SpanRecord) => spans.find((candidate) => candidate.spanId === span.parentSpanId);
const modelSteps = (result: AgentResult) => result.steps.filter((step): step is ModelCallStep => step.type === 'model_call');
const toolSteps = (result: AgentResult) => result.steps.filter((step): step is ToolCallStep => step.type === 'tool_call');

function expectConsistentTree(result: AgentResult, spans: SpanRecord[], rootAgent: string) {
  const roots = spans.filter((span) => !span.parentSpanId);
  expect(roots.map((span) => span.name)).toEqual([`invoke_agent ${rootAgent}`]);
  const root = roots[0]!;
  expect(root.kind).toBe('internal');
  expect(root.attributes).toMatchObject({
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.agent.name': rootAgent,
    'gen_ai.provider.name': 'agentlab.sim',
    'gen_ai.request.model': 'oracle',
    'gen_ai.usage.input_tokens': result.usage.inputTokens,
    'gen_ai.usage.output_tokens': result.usage.outputTokens,
  });
  const chats = byOperation(spans, 'chat');
  expect(chats).toHaveLength(modelSteps(result).length);
  for (const chat of chats) {
    expect(chat.name).toBe('chat oracle');
    expect(chat.kind).toBe('client');
    expect(parentOf(spans, chat)?.attributes['gen_ai.operation.name']).toBe('invoke_agent');
    expect(chat.attributes).toMatchObject({ 'gen_ai.provider.name': 'agentlab.sim', 'gen_ai.request.model': 'oracle', 'gen_ai.response.model': 'oracle', 'server.address': '127.0.0.1' });
    expect(chat.attributes['gen_ai.response.id']).toMatch(/^chatcmpl-/);
    expect(chat.attributes['server.port']).toBe(oracle.serverPort);
    expect(typeof chat.attributes['gen_ai.usage.cost']).toBe('number');
  }
  const sum = (key: string) => chats.reduce((total, chat) => total + (chat.attributes[key] as number), 0);
  expect(sum('gen_ai.usage.input_tokens')).toBe(result.usage.inputTokens);
  expect(sum('gen_ai.usage.output_tokens')).toBe(result.usage.outputTokens);
  const tools = byOperation(spans, 'execute_tool');
  expect(tools.map((span) => span.name)).toEqual(toolSteps(result).map((step) => `execute_tool ${step.tool}`));
  expect(tools.map((span) => span.attributes['gen_ai.tool.call.id'])).toEqual(toolSteps(result).map((step) => step.callId));
  const summary = summarizeTrace(spans);
  expect(summary).toMatchObject({ modelCalls: chats.length, toolCalls: tools.length, inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens, spanCount: spans.length });
  expect(summary.costUsd).toBeCloseTo((result.usage.inputTokens * 5 + result.usage.outputTokens * 15) / 1_000_000, 10);
  return { root, chats, tools };
}

describe('span trees', () => {
  it('react: one invoke_agent root with chat and execute_tool children', async () => {
    const { result, spans } = await traced('react', 'Search for the boiling point of water and calculate 17 * 23');
    const { root, tools } = expectConsistentTree(result, spans, 'react');
    expect(tools.map((span) => span.attributes['gen_ai.tool.name'])).toEqual(['search_web', 'calculator']);
    for (const span of spans.filter((candidate) => candidate !== root)) expect(span.parentSpanId).toBe(root.spanId);
    expect(spans.every((span) => span.serviceName === 'agentlab')).toBe(true);
  });

  it('plan-execute: planner, each executor step and the synthesizer are child agent spans', async () => {
    const { result, spans } = await traced('plan-execute', 'Find the height of Mount Everest, then write it to everest.md');
    const { root } = expectConsistentTree(result, spans, 'plan-execute');
    const children = spans.filter((span) => span.parentSpanId === root.spanId).map((span) => span.name);
    expect(children).toEqual(['invoke_agent planner', 'invoke_agent executor', 'invoke_agent executor', 'invoke_agent synthesizer']);
    const executor = spans.find((span) => span.name === 'invoke_agent executor')!;
    expect(spans.filter((span) => span.parentSpanId === executor.spanId).map((span) => span.name)).toEqual(['chat oracle', 'execute_tool search_web', 'chat oracle']);
  });

  it('supervisor: workers are child invoke_agent spans with their own usage', async () => {
    const { result, spans } = await traced('supervisor', 'Research the speed of light and write a short summary.');
    const { root } = expectConsistentTree(result, spans, 'supervisor');
    const workers = spans.filter((span) => span.parentSpanId === root.spanId && span.attributes['gen_ai.operation.name'] === 'invoke_agent');
    expect(workers.map((span) => span.attributes['gen_ai.agent.name'])).toEqual(['researcher', 'writer', 'reviewer']);
    for (const worker of workers) {
      const steps = modelSteps(result).filter((step) => step.agent === worker.attributes['gen_ai.agent.name']);
      expect(worker.attributes['gen_ai.usage.input_tokens']).toBe(steps.reduce((total, step) => total + step.inputTokens, 0));
    }
    expect(spans.filter((span) => span.parentSpanId === root.spanId && span.name === 'chat oracle')).toHaveLength(4);
  });

  it('pipeline: researcher, writer and reviewer stages are child agent spans', async () => {
    const { result, spans } = await traced('pipeline', 'Search for the boiling point of water and write a short answer.');
    const { root } = expectConsistentTree(result, spans, 'pipeline');
    expect(spans.filter((span) => span.parentSpanId === root.spanId).map((span) => span.name)).toEqual(['invoke_agent researcher', 'invoke_agent writer', 'invoke_agent reviewer']);
  });
});

describe('errors, content and concurrency', () => {
  it('marks failed tool calls and a failed run with error.type, an ERROR status and an exception event', async () => {
    const { result, spans } = await traced('react', 'Search for the boiling point of water', { model: await bed.open('sim:looping') });
    expect(result.status).toBe('error');
    const root = spans.find((span) => !span.parentSpanId)!;
    expect(root.status.code).toBe('error');
    expect(root.attributes['error.type']).toBe('loop_detected');
    expect(root.events.map((event) => event.name)).toContain('exception');
    const repeated = byOperation(spans, 'execute_tool').filter((span) => span.attributes['error.type'] === 'repeated_call');
    expect(repeated).toHaveLength(2);
    expect(repeated[0]!.status.code).toBe('error');
  });

  it('records message content and tool arguments only when asked to, messages in the GenAI conventions\' shape', async () => {
    const plain = await traced('react', 'Calculate 6 * 7');
    expect(plain.spans.some((span) => 'gen_ai.input.messages' in span.attributes || 'gen_ai.tool.call.arguments' in span.attributes)).toBe(false);
    const captured = await traced('react', 'Calculate 6 * 7', { captureContent: true });
    const [first, second] = byOperation(captured.spans, 'chat');
    const tool = byOperation(captured.spans, 'execute_tool')[0]!;
    const callId = tool.attributes['gen_ai.tool.call.id'];
    expect(tool.attributes).toMatchObject({ 'gen_ai.tool.call.arguments': '{"expression":"6 * 7"}', 'gen_ai.tool.call.result': '42' });
    const firstInput = JSON.parse(first!.attributes['gen_ai.input.messages'] as string);
    expect(firstInput).toEqual([
      { role: 'system', parts: [{ type: 'text', content: expect.any(String) }] },
      { role: 'user', parts: [{ type: 'text', content: 'Calculate 6 * 7' }] },
    ]);
    expect(JSON.parse(first!.attributes['gen_ai.output.messages'] as string)).toEqual([
      { role: 'assistant', parts: [{ type: 'tool_call', id: callId, name: 'calculator', arguments: { expression: '6 * 7' } }], finish_reason: 'tool_call' },
    ]);
    // The next call's input carries the call and its result, tied by the call id.
    expect(JSON.parse(second!.attributes['gen_ai.input.messages'] as string).slice(2)).toEqual([
      { role: 'assistant', parts: [{ type: 'tool_call', id: callId, name: 'calculator', arguments: { expression: '6 * 7' } }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: callId, response: '42' }] },
    ]);
    const [answer] = JSON.parse(second!.attributes['gen_ai.output.messages'] as string);
    expect(answer).toMatchObject({ role: 'assistant', finish_reason: 'stop', parts: [{ type: 'text', content: expect.stringContaining('42') }] });
  });

  it('cuts huge captured content to the limit, keeping the messages valid JSON and saying what was cut', async () => {
    const goal = `Calculate 6 * 7. ${'Some very long background that the user pasted. '.repeat(2_000)}`;
    const { spans } = await traced('react', goal, { captureContent: true });
    for (const chat of byOperation(spans, 'chat')) {
      const input = chat.attributes['gen_ai.input.messages'] as string;
      expect(input.length).toBeLessThanOrEqual(capturedContentMaxLength);
      const messages = JSON.parse(input) as Array<{ role: string; parts: Array<{ type: string; content?: string }> }>;
      expect(messages[0]!.role).toBe('system');
      const user = messages.find((message) => message.role === 'user')!;
      expect(user.parts[0]!.content).toMatch(/^Calculate 6 \* 7\. Some very long background.*… \[truncated \d+ chars\]$/s);
    }
  });

  it('puts eval context on the root span', async () => {
    const { spans } = await traced('react', 'Calculate 6 * 7', { traceAttributes: { 'agentlab.run.id': 'run-1', 'agentlab.case.id': 'case-7', 'agentlab.epoch': 2 } });
    expect(spans.find((span) => !span.parentSpanId)!.attributes).toMatchObject({ 'agentlab.run.id': 'run-1', 'agentlab.case.id': 'case-7', 'agentlab.epoch': 2 });
  });

  it('keeps concurrent runs in one process in separate traces with correct parents', async () => {
    const goals = ['Search for the boiling point of water', 'Calculate 6 * 7', 'Who created Python?', 'Find the height of Mount Everest'];
    const results = await Promise.all(
      goals.map(async (goal, index) => {
        const { registry } = await bed.tools();
        return runAgent(index % 2 ? 'react' : 'supervisor', index % 2 ? agentPatterns.react : agentPatterns.supervisor, goal, { model: oracle, tools: registry, tracer: tracing.tracer });
      }),
    );
    await tracing.forceFlush();
    const traceIds = results.map((result) => result.traceId!);
    expect(new Set(traceIds).size).toBe(goals.length);
    for (const [index, result] of results.entries()) {
      const spans = sink.trace(traceIds[index]!);
      expect(spans.filter((span) => !span.parentSpanId)).toHaveLength(1);
      for (const span of spans.filter((candidate) => candidate.parentSpanId)) expect(parentOf(spans, span)).toBeDefined();
      expect(byOperation(spans, 'chat')).toHaveLength(modelSteps(result).length);
    }
  });
});
