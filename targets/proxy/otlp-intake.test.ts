// The OTLP receiver on the proxy's port: every span reaches the store, and the tool spans of an
// open session's trace join its trajectory, each call once beside the proxy's own record of it.
import { trace, context as otelContext, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolCallStep } from '../../agents/index.js';
import type { ModelHandle, ModelProvider } from '../../models/index.js';
import { MemorySpanSink, type SpanRecord } from '../../tracing/index.js';
import { startModelProxy, type ModelProxy } from './index.js';
import { agentClient, openSimModel, runToolLoop, searchResult } from './test-support.js';

let provider: ModelProvider;
let model: ModelHandle;
let proxy: ModelProxy;
const store = new MemorySpanSink();

beforeAll(async () => {
  ({ provider, model } = await openSimModel());
  proxy = await startModelProxy({ spanWriter: store });
});
afterAll(async () => {
  await proxy.close();
  await provider.close();
});

let nextSpan = 1;
function randomTraceId(): string {
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
}

interface ToolSpan {
  tool: string;
  callId?: string;
  arguments?: string;
  result?: string;
  failed?: boolean;
  startMs: number;
  durationMs: number;
}

/** An OTLP/JSON export request holding one execute_tool span per entry, as an agent's SDK sends it. */
function otlpJson(traceId: string, spans: ToolSpan[]): string {
  const nanos = (milliseconds: number) => (BigInt(Math.round(milliseconds * 1000)) * 1000n).toString();
  const attribute = (key: string, value: string) => ({ key, value: { stringValue: value } });
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [attribute('service.name', 'python-agent')] },
        scopeSpans: [
          {
            scope: { name: 'my-agent' },
            spans: spans.map((span) => ({
              traceId,
              spanId: (nextSpan++).toString(16).padStart(16, '0'),
              name: `execute_tool ${span.tool}`,
              kind: 1,
              startTimeUnixNano: nanos(span.startMs),
              endTimeUnixNano: nanos(span.startMs + span.durationMs),
              attributes: [
                attribute('gen_ai.operation.name', 'execute_tool'),
                attribute('gen_ai.tool.name', span.tool),
                ...(span.callId ? [attribute('gen_ai.tool.call.id', span.callId)] : []),
                ...(span.arguments ? [attribute('gen_ai.tool.call.arguments', span.arguments)] : []),
                ...(span.result ? [attribute('gen_ai.tool.call.result', span.result)] : []),
              ],
              status: span.failed ? { code: 2, message: 'the tool failed' } : { code: 0 },
            })),
          },
        ],
      },
    ],
  });
}

function postTraces(body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${proxy.otlpEndpoint}/v1/traces`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

function toolSteps(steps: readonly { type: string }[]): ToolCallStep[] {
  return steps.filter((step): step is ToolCallStep => step.type === 'tool_call');
}

describe('OTLP/JSON from the agent', () => {
  it("merges a tool span with the proxy's record of the same call and adds the calls only spans saw", async () => {
    const traceId = randomTraceId();
    const session = proxy.openSession({ model, agent: 'python-agent', traceId, captureContent: false });
    await runToolLoop(agentClient(session), { stream: false });
    const startMs = Date.now();
    // Its record of the search (by call id, but without it the arguments would do), and a tool the model never asked for.
    const response = await postTraces(
      otlpJson(traceId, [
        { tool: 'search_web', arguments: '{ "query": "the boiling point of water" }', result: searchResult, startMs, durationMs: 3.5 },
        { tool: 'remember', callId: 'mem-1', arguments: '{"fact":"water"}', result: 'stored', startMs: startMs + 10, durationMs: 1 },
      ]),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    const recording = await session.close();

    const tools = toolSteps(recording.steps);
    expect(tools.map((step) => step.tool)).toEqual(['search_web', 'calculator', 'remember']);
    expect(tools[0]).toMatchObject({ agent: 'python-agent', result: searchResult, ok: true, latencyMs: 3.5 });
    expect(tools[0]!.callId).toMatch(/^call_/);
    expect(tools[2]).toMatchObject({ callId: 'mem-1', result: 'stored', agent: 'python-agent' });
    expect(store.trace(traceId).map((span) => span.name)).toEqual(['execute_tool search_web', 'execute_tool remember']);
  });

  it('takes a failure the agent reported for a call', async () => {
    const traceId = randomTraceId();
    const session = proxy.openSession({ model, agent: 'python-agent', traceId, captureContent: false });
    const client = agentClient(session);
    const first = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Calculate 6 * 7' }],
      tools: [{ type: 'function', function: { name: 'calculator', parameters: { type: 'object', properties: { expression: { type: 'string' } } } } }],
    });
    const call = first.choices[0]!.message.tool_calls![0]!;
    await postTraces(otlpJson(traceId, [{ tool: 'calculator', callId: call.id, failed: true, startMs: Date.now(), durationMs: 2 }]));
    const recording = await session.close();
    expect(toolSteps(recording.steps)).toEqual([expect.objectContaining({ callId: call.id, ok: false, errorCode: 'tool_error', result: 'the tool failed', latencyMs: 2 })]);
  });

  it('keeps spans of other traces from the session, and stores them all the same', async () => {
    const session = proxy.openSession({ model, agent: 'a', traceId: randomTraceId(), captureContent: false });
    const otherTrace = randomTraceId();
    await postTraces(otlpJson(otherTrace, [{ tool: 'search_web', callId: 'x', startMs: Date.now(), durationMs: 1 }]));
    expect(toolSteps((await session.close()).steps)).toEqual([]);
    expect(store.trace(otherTrace)).toHaveLength(1);
  });

  it('waits in close() for a post in flight', async () => {
    let release!: () => void;
    let writing!: () => void;
    const writeStarted = new Promise<void>((resolve) => (writing = resolve));
    const slowStore = {
      write: () => {
        writing();
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const slowProxy = await startModelProxy({ spanWriter: slowStore });
    const traceId = randomTraceId();
    const session = slowProxy.openSession({ model, agent: 'a', traceId, captureContent: false });
    const posted = fetch(`${slowProxy.otlpEndpoint}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpJson(traceId, [{ tool: 'search_web', callId: 'c1', startMs: Date.now(), durationMs: 1 }]) });
    await writeStarted;
    let closed = false;
    const closing = session.close().then((recording) => {
      closed = true;
      return recording;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    release();
    expect(toolSteps((await closing).steps).map((step) => step.callId)).toEqual(['c1']);
    expect((await posted).status).toBe(200);
    await slowProxy.close();
  });

  it('refuses what is not OTLP', async () => {
    expect((await postTraces('{"resourceSpans": 3}')).status).toBe(400);
    const unsupported = await postTraces('hello', 'text/plain');
    expect(unsupported.status).toBe(415);
    expect(await unsupported.json()).toMatchObject({ error: { code: 'AGENTLAB_OTLP_UNSUPPORTED_MEDIA_TYPE' } });
  });
});

describe('OTLP/protobuf from an OpenTelemetry SDK', () => {
  it('receives gzipped protobuf exports into the session of their trace', async () => {
    // The enum it takes is not exported by this package; its value is the string.
    const exporter = new OTLPTraceExporter({ url: `${proxy.otlpEndpoint}/v1/traces`, compression: 'gzip' } as ConstructorParameters<typeof OTLPTraceExporter>[0]);
    const agentTracing = new NodeTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'node-agent' }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const tracer = agentTracing.getTracer('node-agent');
    const root = tracer.startSpan('invoke_agent node-agent');
    const traceId = root.spanContext().traceId;
    const session = proxy.openSession({ model, agent: 'node-agent', traceId, captureContent: false });
    const toolSpan = tracer.startSpan('execute_tool lookup', { attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup', 'gen_ai.tool.call.id': 'call_sdk', 'gen_ai.tool.call.result': 'found' } }, trace.setSpan(otelContext.active(), root));
    toolSpan.setStatus({ code: SpanStatusCode.OK });
    toolSpan.end();
    root.end();
    await agentTracing.forceFlush();
    const recording = await session.close();
    await agentTracing.shutdown();
    expect(toolSteps(recording.steps)).toEqual([expect.objectContaining({ tool: 'lookup', callId: 'call_sdk', result: 'found', agent: 'node-agent', ok: true })]);
    const stored: SpanRecord[] = store.trace(traceId);
    expect(stored.map((span) => [span.name, span.serviceName])).toEqual(
      expect.arrayContaining([
        ['execute_tool lookup', 'node-agent'],
        ['invoke_agent node-agent', 'node-agent'],
      ]),
    );
  });
});
