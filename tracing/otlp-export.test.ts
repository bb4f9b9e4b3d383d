// The real OTLP/HTTP exporter posting an agent's trace to a receiver started in the test, configured
// from the standard OTEL_EXPORTER_OTLP_* variables.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentPatterns, runAgent } from '../agents/index.js';
import { createAgentTestBed, type AgentTestBed } from '../agents/core/test-support.js';
import { readOtlpSettings, setupTracing } from './index.js';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: { resourceSpans: Array<{ resource: { attributes: OtlpAttribute[] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
}
interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; doubleValue?: number; arrayValue?: { values: Array<{ stringValue?: string }> } };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: OtlpAttribute[];
}

let receiver: Server;
let endpoint: string;
const received: Received[] = [];
let bed: AgentTestBed;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  bed = createAgentTestBed();
});
afterAll(async () => {
  await bed.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const attribute = (attributes: OtlpAttribute[], key: string) => {
  const value = attributes.find((entry) => entry.key === key)?.value;
  return value?.stringValue ?? (value?.intValue !== undefined ? Number(value.intValue) : undefined) ?? value?.doubleValue ?? value?.arrayValue?.values.map((item) => item.stringValue);
};

describe('OTLP/HTTP export', () => {
  it('reads the standard variables: signal endpoint first, base endpoint with /v1/traces, headers', () => {
    expect(readOtlpSettings({})).toBeUndefined();
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({ url: 'http://collector:4318/v1/traces', headers: {} });
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:9999/custom' })?.url).toBe('http://b:9999/custom');
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-team=evals' }, 'http://c:4318')).toEqual({
      url: 'http://c:4318/v1/traces',
      headers: { authorization: 'Bearer abc', 'x-team': 'evals' },
    });
  });

  it('delivers the spans of an agent run with their GenAI attributes to the endpoint the variables name', async () => {
    const tracing = setupTracing({
      environment: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=secret', OTEL_SERVICE_NAME: 'nightly-evals' },
      exportDelayMs: 10,
    });
    const { registry } = await bed.tools();
    const result = await runAgent('react', agentPatterns.react, 'Search for the boiling point of water', { model: await bed.open('sim:strong'), tools: registry, tracer: tracing.tracer, seed: 5 });
    await tracing.shutdown();

    expect(received.length).toBeGreaterThan(0);
    expect(received.every((request) => request.path === '/v1/traces')).toBe(true);
    expect(received[0]!.headers['x-api-key']).toBe('secret');
    expect(received[0]!.headers['content-type']).toContain('application/json');
    const resourceSpans = received.flatMap((request) => request.body.resourceSpans);
    expect(attribute(resourceSpans[0]!.resource.attributes, 'service.name')).toBe('nightly-evals');
    const spans = resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)).filter((span) => span.traceId === result.traceId);
    const names = spans.map((span) => span.name).sort();
    expect(names).toEqual(['chat strong', 'chat strong', 'execute_tool search_web', 'invoke_agent react']);
    const chat = spans.find((span) => span.name === 'chat strong')!;
    expect(chat.kind).toBe(3); // SPAN_KIND_CLIENT
    expect(attribute(chat.attributes, 'gen_ai.operation.name')).toBe('chat');
    expect(attribute(chat.attributes, 'gen_ai.provider.name')).toBe('agentlab.sim');
    expect(attribute(chat.attributes, 'gen_ai.response.finish_reasons')).toEqual(['tool_calls']);
    expect(attribute(chat.attributes, 'gen_ai.usage.input_tokens')).toBeGreaterThan(0);
    const root = spans.find((span) => span.name === 'invoke_agent react')!;
    expect(attribute(root.attributes, 'gen_ai.usage.input_tokens')).toBe(result.usage.inputTokens);
    expect(spans.filter((span) => span !== root).every((span) => span.parentSpanId === root.spanId)).toBe(true);
  });
});
