// The real OTLP/HTTP exporters posting an agent's trace to a receiver started in the test, configured
// from the standard OTEL_EXPORTER_OTLP_* variables: protobuf by default, JSON when asked, and a clear
// refusal of what agentlab cannot send. Bodies are decoded by agentlab's own OTLP receiver decoders.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentPatterns, runAgent } from '../agents/index.js';
import { createAgentTestBed, type AgentTestBed } from '../agents/core/test-support.js';
import { decodeOtlpJson, decodeOtlpProtobuf } from '../reports/otlp/index.js';
import { readOtlpSettings, setupTracing, TracingSettingsError, type SpanRecord } from './index.js';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  spans: SpanRecord[];
}

let receiver: Server;
let endpoint: string;
let received: Received[] = [];
let bed: AgentTestBed;

/** The body decoded by the Content-Type the exporter declared, so a body in the other encoding fails. */
function decode(contentType: string | undefined, body: Buffer): SpanRecord[] {
  if (contentType?.startsWith('application/x-protobuf')) return decodeOtlpProtobuf(body);
  if (contentType?.startsWith('application/json')) return decodeOtlpJson(body);
  throw new Error(`unexpected Content-Type ${contentType}`);
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, spans: decode(request.headers['content-type'], Buffer.concat(chunks)) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  bed = createAgentTestBed();
});
beforeEach(() => {
  received = [];
});
afterAll(async () => {
  await bed.close();
  await new Promise((resolve) => receiver.close(resolve));
});

/** Runs the react agent with tracing set up from `environment` and returns what the receiver got of its trace. */
async function exportRun(environment: Record<string, string>, otlpUrl?: string) {
  const tracing = setupTracing({ environment, exportDelayMs: 10, ...(otlpUrl ? { otlpUrl } : {}) });
  const { registry } = await bed.tools();
  const result = await runAgent('react', agentPatterns.react, 'Search for the boiling point of water', { model: await bed.open('sim:strong'), tools: registry, tracer: tracing.tracer, seed: 5 });
  await tracing.shutdown();
  expect(received.length).toBeGreaterThan(0);
  return { result, tracing, spans: received.flatMap((request) => request.spans).filter((span) => span.traceId === result.traceId) };
}

describe('OTLP settings', () => {
  it('reads the standard variables: signal endpoint first, base endpoint with /v1/traces, headers', () => {
    expect(readOtlpSettings({})).toBeUndefined();
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({ url: 'http://collector:4318/v1/traces', headers: {}, protocol: 'http/protobuf' });
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:9999/custom' })?.url).toBe('http://b:9999/custom');
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-team=evals' }, 'http://c:4318')).toEqual({
      url: 'http://c:4318/v1/traces',
      headers: { authorization: 'Bearer abc', 'x-team': 'evals' },
      protocol: 'http/protobuf',
    });
  });

  it('takes the protocol from the traces variable over the general one, an empty value counting as unset', () => {
    const url = 'http://collector:4318';
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }, url)?.protocol).toBe('http/json');
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' }, url)?.protocol).toBe('http/protobuf');
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' }, url)?.protocol).toBe('http/json');
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: ' ' }, url)?.protocol).toBe('http/json');
  });

  it('refuses grpc and unknown protocols, naming the variable, its value and what it accepts', () => {
    const refusal = (environment: Record<string, string>) => {
      try {
        readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', ...environment });
      } catch (error) {
        return error;
      }
      throw new Error('expected a refusal');
    };
    const grpc = refusal({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expect(grpc).toBeInstanceOf(TracingSettingsError);
    expect(grpc).toMatchObject({ code: 'AGENTLAB_OTLP_PROTOCOL_INVALID', variable: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'grpc' });
    expect((grpc as Error).message).toBe(
      'OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported (agentlab sends OTLP over HTTP only, not gRPC): set it to http/protobuf or http/json (default http/protobuf), or unset it.',
    );
    const unknown = refusal({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/xml' }) as TracingSettingsError;
    expect(unknown.message).toMatch(/^OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http\/xml is not supported \(not an OTLP protocol\): set it to http\/protobuf or http\/json/);
    expect(() => setupTracing({ environment: { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc' }, otlpUrl: 'http://collector:4318' })).toThrow(TracingSettingsError);
  });

  it('does not refuse a protocol when nothing is exported', () => {
    expect(readOtlpSettings({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toBeUndefined();
  });
});

describe('OTLP/HTTP export', () => {
  it('sends protobuf by default, with the GenAI attributes of an agent run, to the endpoint the variables name', async () => {
    const { result, tracing, spans } = await exportRun({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=secret', OTEL_SERVICE_NAME: 'nightly-evals' });
    expect(tracing.otlp?.protocol).toBe('http/protobuf');
    for (const request of received) {
      expect(request.path).toBe('/v1/traces');
      expect(request.headers['x-api-key']).toBe('secret');
      expect(request.headers['content-type']).toBe('application/x-protobuf');
    }
    expect(spans.map((span) => span.name).sort()).toEqual(['chat strong', 'chat strong', 'execute_tool search_web', 'invoke_agent react']);
    expect(spans.every((span) => span.serviceName === 'nightly-evals')).toBe(true);
    const chat = spans.find((span) => span.name === 'chat strong')!;
    expect(chat.kind).toBe('client');
    expect(chat.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'agentlab.sim', 'gen_ai.response.finish_reasons': ['tool_calls'] });
    expect(chat.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    const root = spans.find((span) => span.name === 'invoke_agent react')!;
    expect(root.attributes['gen_ai.usage.input_tokens']).toBe(result.usage.inputTokens);
    expect(spans.filter((span) => span !== root).every((span) => span.parentSpanId === root.spanId)).toBe(true);
  });

  it('sends JSON when OTEL_EXPORTER_OTLP_PROTOCOL is http/json, also to --otlp', async () => {
    const { spans } = await exportRun({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }, endpoint);
    expect(received.every((request) => request.path === '/v1/traces' && request.headers['content-type'] === 'application/json')).toBe(true);
    expect(spans.map((span) => span.name).sort()).toEqual(['chat strong', 'chat strong', 'execute_tool search_web', 'invoke_agent react']);
  });

  it('lets OTEL_EXPORTER_OTLP_TRACES_PROTOCOL win over OTEL_EXPORTER_OTLP_PROTOCOL', async () => {
    const { spans } = await exportRun({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces`, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' });
    expect(received.every((request) => request.headers['content-type'] === 'application/x-protobuf')).toBe(true);
    expect(spans).toHaveLength(4);
  });
});
