// The real OpenTelemetry JS exporters end to end: a NodeTracerProvider exports an agent's GenAI
// trace over OTLP/HTTP (JSON and protobuf, plain and gzipped) to the receiver, which writes it to
// a SQLite store; what the store gives back must be what the SDK recorded.
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeSpan, summarizeTrace, toSpanRecord } from '../../tracing/index.js';
import type { SpanRecord } from '../../tracing/index.js';
import { startTestReceiver } from './test-support.js';
import type { TestReceiver } from './test-support.js';

type ExporterConfig = NonNullable<ConstructorParameters<typeof ProtobufTraceExporter>[0]>;
// The option is typed with an enum from a package agentlab does not depend on directly.
const gzip = 'gzip' as ExporterConfig['compression'];

interface ExportedTrace {
  traceId: string;
  /** What the exporter reported when its export failed (a batch processor passes it on from forceFlush). */
  exportError: unknown;
  /** What the SDK itself recorded, as span records, for comparison with what the store returns. */
  recorded: SpanRecord[];
}

/** Records an agent run the way agentlab's agents do, plus an OpenInference-style LLM span, and exports it. */
async function exportAgentTrace(exporter: SpanExporter, serviceName: string): Promise<ExportedTrace> {
  const memory = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter), new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('agentlab-e2e', '1.2.3');

  const agent = tracer.startSpan('invoke_agent researcher', {
    kind: SpanKind.INTERNAL,
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'researcher', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'agentlab.run.id': 'run-e2e', 'agentlab.epoch': 0 },
  });
  const inAgent = trace.setSpan(context.active(), agent);

  const chat = tracer.startSpan('chat gpt-4o-mini', {
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.finish_reasons': ['tool_calls'],
      'gen_ai.request.temperature': 0.2,
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 80,
      'gen_ai.usage.cost': 0.000228,
      'server.address': 'api.openai.com',
      'server.port': 443,
      'agentlab.tool.approved': true,
    },
  }, inAgent);
  chat.addEvent('gen_ai.choice', { index: 0, 'gen_ai.response.finish_reasons': ['tool_calls'] });
  chat.setStatus({ code: SpanStatusCode.OK });
  chat.end();

  const tool = tracer.startSpan('execute_tool search', { attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search', 'gen_ai.tool.call.id': 'call_1', 'error.type': 'ToolError' } }, inAgent);
  tool.recordException(new Error('search index offline'));
  tool.setStatus({ code: SpanStatusCode.ERROR, message: 'search index offline' });
  tool.end();

  const llm = tracer.startSpan('ChatOpenAI', {
    kind: SpanKind.CLIENT,
    attributes: { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o', 'llm.token_count.prompt': 300, 'llm.token_count.completion': 20 },
  }, inAgent);
  llm.end();

  agent.setAttributes({ 'gen_ai.usage.input_tokens': 1500, 'gen_ai.usage.output_tokens': 100 });
  agent.end();

  const exportError = await provider.forceFlush().then(() => undefined, (error: unknown) => error);
  // The memory exporter forgets its spans on shutdown.
  const recorded = memory.getFinishedSpans().map(toSpanRecord);
  await provider.shutdown();
  return { traceId: agent.spanContext().traceId, exportError, recorded };
}

const byName = (spans: SpanRecord[], name: string): SpanRecord => {
  const found = spans.find((span) => span.name === name);
  if (!found) throw new Error(`no span named ${name} among ${spans.map((span) => span.name).join(', ')}`);
  return found;
};

function expectStoredAsRecorded(stored: SpanRecord[], recorded: SpanRecord[]): void {
  expect(stored.map((span) => span.spanId).sort()).toEqual(recorded.map((span) => span.spanId).sort());
  for (const original of recorded) {
    const received = stored.find((span) => span.spanId === original.spanId)!;
    const { startTimeMs, endTimeMs, durationMs, attributes, events, ...rest } = received;
    const { startTimeMs: recordedStart, endTimeMs: recordedEnd, durationMs: recordedDuration, attributes: recordedAttributes, events: recordedEvents, ...recordedRest } = original;
    expect(rest).toEqual(recordedRest);
    // The receiver adds GenAI names for OpenInference attributes and changes nothing else.
    expect(attributes).toMatchObject(recordedAttributes);
    expect(startTimeMs).toBeCloseTo(recordedStart, 3);
    expect(endTimeMs).toBeCloseTo(recordedEnd, 3);
    expect(durationMs).toBeCloseTo(recordedDuration, 3);
    expect(events.map((event) => ({ ...event, timeMs: Math.round(event.timeMs) }))).toEqual(recordedEvents.map((event) => ({ ...event, timeMs: Math.round(event.timeMs) })));
  }
}

let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const exporters: Array<{ label: string; contentType: string; encoding: string | undefined; create: (url: string) => SpanExporter }> = [
  { label: 'JSON exporter', contentType: 'application/json', encoding: undefined, create: (url) => new JsonTraceExporter({ url }) },
  { label: 'protobuf exporter', contentType: 'application/x-protobuf', encoding: undefined, create: (url) => new ProtobufTraceExporter({ url }) },
  { label: 'JSON exporter with gzip', contentType: 'application/json', encoding: 'gzip', create: (url) => new JsonTraceExporter({ url, compression: gzip }) },
  { label: 'protobuf exporter with gzip', contentType: 'application/x-protobuf', encoding: 'gzip', create: (url) => new ProtobufTraceExporter({ url, compression: gzip }) },
];

describe.each(exporters)('the OpenTelemetry $label', ({ contentType, encoding, create }) => {
  it('delivers an agent trace that the store gives back intact, with its GenAI totals', async () => {
    receiver = await startTestReceiver();
    const { traceId, recorded, exportError } = await exportAgentTrace(create(receiver.tracesUrl), 'research-agent');
    expect(exportError).toBeUndefined();

    expect(receiver.received.length).toBeGreaterThan(0);
    for (const request of receiver.received) {
      expect(request).toMatchObject({ statusCode: 200, contentEncoding: encoding });
      expect(request.contentType).toContain(contentType);
    }

    const stored = receiver.store.spans(traceId);
    expect(stored).toHaveLength(4);
    expectStoredAsRecorded(stored, recorded);

    const agent = byName(stored, 'invoke_agent researcher');
    const chat = byName(stored, 'chat gpt-4o-mini');
    const tool = byName(stored, 'execute_tool search');
    const llm = byName(stored, 'ChatOpenAI');
    expect(agent.parentSpanId).toBeUndefined();
    expect([chat.parentSpanId, tool.parentSpanId, llm.parentSpanId]).toEqual([agent.spanId, agent.spanId, agent.spanId]);
    expect(stored.every((span) => span.serviceName === 'research-agent' && span.scope === 'agentlab-e2e' && span.traceId === traceId)).toBe(true);

    expect(agent).toMatchObject({ kind: 'internal', status: { code: 'unset' } });
    expect(chat).toMatchObject({
      kind: 'client',
      status: { code: 'ok' },
      attributes: {
        'gen_ai.usage.input_tokens': 1200,
        'gen_ai.usage.output_tokens': 80,
        'gen_ai.request.temperature': 0.2,
        'gen_ai.response.finish_reasons': ['tool_calls'],
        'server.port': 443,
        'agentlab.tool.approved': true,
      },
      events: [{ name: 'gen_ai.choice', attributes: { index: 0, 'gen_ai.response.finish_reasons': ['tool_calls'] } }],
    });
    // The SDK anchors each span to Date.now() separately, so nested spans may overhang by under 1 ms.
    expect(chat.startTimeMs).toBeGreaterThanOrEqual(agent.startTimeMs - 1);
    expect(chat.endTimeMs).toBeLessThanOrEqual(agent.endTimeMs + 1);

    expect(tool.status).toEqual({ code: 'error', message: 'search index offline' });
    expect(tool.events).toHaveLength(1);
    expect(tool.events[0]).toMatchObject({ name: 'exception', attributes: { 'exception.type': 'Error', 'exception.message': 'search index offline' } });
    expect(tool.events[0]!.attributes['exception.stacktrace']).toEqual(expect.stringContaining('search index offline'));

    expect(llm.attributes).toMatchObject({ 'llm.model_name': 'gpt-4o', 'llm.token_count.prompt': 300 });
    expect(normalizeSpan(llm)).toMatchObject({ type: 'model', dialect: 'openinference', model: { model: 'gpt-4o', inputTokens: 300, outputTokens: 20 } });

    expect(summarizeTrace(stored)).toMatchObject({
      traceId,
      spanCount: 4,
      agentRuns: 1,
      modelCalls: 2,
      toolCalls: 1,
      errorSpans: 1,
      inputTokens: 1500,
      outputTokens: 100,
      // The chat span's own cost, and the OpenInference call priced from the built-in table (gpt-4o).
      costUsd: expect.closeTo(0.000228 + (300 * 2.5 + 20 * 10) / 1e6, 9),
      models: expect.arrayContaining(['gpt-4o-mini', 'gpt-4o']),
    });
  });
});

describe('exporters against a receiver that needs a token', () => {
  it('stores nothing without the header and everything with it', async () => {
    receiver = await startTestReceiver({ authorize: (request) => request.headers.authorization === 'Bearer team-token' });
    const refused = await exportAgentTrace(new ProtobufTraceExporter({ url: receiver.tracesUrl }), 'no-token');
    expect(refused.exportError).toEqual([expect.objectContaining({ code: 401, data: expect.stringContaining('AGENTLAB_OTLP_UNAUTHORIZED') })]);
    expect(receiver.received.map((request) => request.statusCode)).toContain(401);
    expect(receiver.store.spans(refused.traceId)).toEqual([]);

    const accepted = await exportAgentTrace(new JsonTraceExporter({ url: receiver.tracesUrl, headers: { authorization: 'Bearer team-token' } }), 'with-token');
    expect(accepted.exportError).toBeUndefined();
    expect(receiver.store.spans(accepted.traceId)).toHaveLength(4);
  });
});
