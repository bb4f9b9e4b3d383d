// The spans a session makes in the case's trace: a `chat` span per proxied call, child of the case's
// root span, with the GenAI attributes agentlab's own agents give theirs, and at close an inferred
// `execute_tool` span for each paired tool call the agent did not report as a span itself.
import { context, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelCallStep, ToolCallStep } from '../../agents/index.js';
import type { ModelHandle, ModelProvider } from '../../models/index.js';
import { MemorySpanSink, setupTracing, type SpanRecord, type Tracing } from '../../tracing/index.js';
import { startModelProxy, type ModelProxy } from './index.js';
import { agentClient, goal, openSimModel, runToolLoop } from './test-support.js';

let provider: ModelProvider;
let model: ModelHandle;
let proxy: ModelProxy;
let tracing: Tracing;
const sink = new MemorySpanSink();

beforeAll(async () => {
  ({ provider, model } = await openSimModel());
  proxy = await startModelProxy();
  tracing = setupTracing({ environment: {}, sinks: [sink], exportDelayMs: 1 });
});
afterAll(async () => {
  await tracing.shutdown();
  await proxy.close();
  await provider.close();
});

/** Runs the tool loop in a session made as a case makes one, and returns what it recorded and traced. */
async function tracedCase(options: { captureContent: boolean; stream: boolean; agentToolSpan?: (traceId: string, step: ToolCallStep) => Promise<void> }) {
  const root = tracing.tracer.startSpan('invoke_agent my-agent');
  const traceId = root.spanContext().traceId;
  const session = proxy.openSession({ model, agent: 'my-agent', seed: 3, tracer: tracing.tracer, parentContext: trace.setSpan(context.active(), root), traceId, captureContent: options.captureContent });
  await runToolLoop(agentClient(session), { stream: options.stream });
  const recording = await session.close();
  root.end();
  await tracing.forceFlush();
  const spans = sink.trace(traceId);
  return { recording, spans, rootSpanId: root.spanContext().spanId };
}

function named(spans: SpanRecord[], prefix: string): SpanRecord[] {
  return spans.filter((span) => span.name.startsWith(prefix)).sort((left, right) => left.startTimeMs - right.startTimeMs);
}

describe('chat spans', () => {
  it('are children of the case span with the GenAI attributes of the call', async () => {
    const { recording, spans, rootSpanId } = await tracedCase({ captureContent: false, stream: true });
    const chats = named(spans, 'chat ');
    const calls = recording.steps.filter((step): step is ModelCallStep => step.type === 'model_call');
    expect(chats.map((span) => span.name)).toEqual(['chat oracle', 'chat oracle', 'chat oracle']);
    chats.forEach((span, index) => {
      const step = calls[index]!;
      expect(span.parentSpanId).toBe(rootSpanId);
      expect(span.kind).toBe('client');
      expect(span.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'agentlab.sim',
        'gen_ai.request.model': 'oracle',
        'gen_ai.request.temperature': 0,
        'gen_ai.request.seed': 3,
        'gen_ai.response.model': 'oracle',
        'gen_ai.response.id': step.responseId,
        'gen_ai.response.finish_reasons': [step.finishReason],
        'gen_ai.usage.input_tokens': step.inputTokens,
        'gen_ai.usage.output_tokens': step.outputTokens,
        'server.address': model.serverAddress,
        'server.port': model.serverPort,
      });
      expect(span.attributes['gen_ai.usage.cost']).toBeCloseTo((step.inputTokens * model.prices!.input + step.outputTokens * model.prices!.output) / 1_000_000, 12);
      expect(span.attributes).not.toHaveProperty('gen_ai.input.messages');
      expect(span.attributes).not.toHaveProperty('gen_ai.output.messages');
    });
  });

  it('carry the messages when content is captured', async () => {
    const { spans } = await tracedCase({ captureContent: true, stream: false });
    const [first, , last] = named(spans, 'chat ');
    // In the GenAI conventions' shape (role and parts), as the built-in agents' spans are.
    expect(JSON.parse(first!.attributes['gen_ai.input.messages'] as string)).toEqual([expect.objectContaining({ role: 'system' }), { role: 'user', parts: [{ type: 'text', content: goal }] }]);
    const [reply] = JSON.parse(first!.attributes['gen_ai.output.messages'] as string);
    expect(reply).toMatchObject({ role: 'assistant', finish_reason: 'tool_call', parts: [{ type: 'tool_call', name: 'search_web', arguments: expect.any(Object) }] });
    const [answer] = JSON.parse(last!.attributes['gen_ai.output.messages'] as string);
    expect(answer).toMatchObject({ finish_reason: 'stop', parts: [{ type: 'text', content: expect.stringContaining('391') }] });
  });
});

describe('inferred tool spans', () => {
  it('cover the interval of each paired tool call, under the case span', async () => {
    const { recording, spans, rootSpanId } = await tracedCase({ captureContent: true, stream: false });
    const tools = named(spans, 'execute_tool ');
    const steps = recording.steps.filter((step): step is ToolCallStep => step.type === 'tool_call');
    expect(tools.map((span) => span.name)).toEqual(['execute_tool search_web', 'execute_tool calculator']);
    tools.forEach((span, index) => {
      const step = steps[index]!;
      expect(span.parentSpanId).toBe(rootSpanId);
      expect(span.startTimeMs).toBeCloseTo(step.startedAt, 2);
      expect(span.durationMs).toBeCloseTo(step.latencyMs, 2);
      expect(span.attributes).toMatchObject({
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': step.tool,
        'gen_ai.tool.call.id': step.callId,
        'gen_ai.tool.call.arguments': step.arguments,
        'gen_ai.tool.call.result': step.result,
        'agentlab.tool.source': 'model_proxy',
      });
    });
  });

  it('are not made for calls the agent reported as spans', async () => {
    const root = tracing.tracer.startSpan('invoke_agent my-agent');
    const traceId = root.spanContext().traceId;
    const parentContext = trace.setSpan(context.active(), root);
    const session = proxy.openSession({ model, agent: 'my-agent', tracer: tracing.tracer, parentContext, traceId, captureContent: false });
    const client = agentClient(session);
    await runToolLoop(client, { stream: false });
    // The agent's own search span, posted as an SDK would: its tool span matches the proxy's by arguments.
    await fetch(`${proxy.otlpEndpoint}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId,
                    spanId: '00000000000000aa',
                    name: 'execute_tool search_web',
                    startTimeUnixNano: `${Date.now()}000000`,
                    endTimeUnixNano: `${Date.now() + 2}000000`,
                    attributes: [
                      { key: 'gen_ai.operation.name', value: { stringValue: 'execute_tool' } },
                      { key: 'gen_ai.tool.name', value: { stringValue: 'search_web' } },
                      { key: 'gen_ai.tool.call.arguments', value: { stringValue: '{"query":"the boiling point of water"}' } },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    await session.close();
    root.end();
    await tracing.forceFlush();
    expect(named(sink.trace(traceId), 'execute_tool ').map((span) => span.name)).toEqual(['execute_tool calculator']);
  });

  it('show a call whose result says it failed as a failed span', async () => {
    const root = tracing.tracer.startSpan('invoke_agent my-agent');
    const traceId = root.spanContext().traceId;
    const session = proxy.openSession({ model, agent: 'my-agent', tracer: tracing.tracer, parentContext: trace.setSpan(context.active(), root), traceId, captureContent: false });
    const client = agentClient(session);
    const calculator = { type: 'function' as const, function: { name: 'calculator', parameters: { type: 'object', properties: { expression: { type: 'string' } } } } };
    const messages: Parameters<typeof client.chat.completions.create>[0]['messages'] = [{ role: 'user', content: 'Calculate 6 * 7' }];
    const first = (await client.chat.completions.create({ model: 'gpt-4o', messages, tools: [calculator] })).choices[0]!.message;
    const call = first.tool_calls![0]!;
    messages.push(first, { role: 'tool', tool_call_id: call.id, content: 'Error: the calculator is out of order' });
    await client.chat.completions.create({ model: 'gpt-4o', messages, tools: [calculator] });
    const recording = await session.close();
    root.end();
    await tracing.forceFlush();
    expect(recording.steps.filter((step) => step.type === 'tool_call')).toEqual([expect.objectContaining({ callId: call.id, ok: false, errorCode: 'tool_error' })]);
    const [span] = named(sink.trace(traceId), 'execute_tool ');
    expect(span).toMatchObject({ name: 'execute_tool calculator', status: { code: 'error', message: 'Error: the calculator is out of order' }, attributes: expect.objectContaining({ 'error.type': 'tool_error' }) });
  });
});
