// `agentlab run` and tracing: the trace id and its summary in the output, the trace kept in the store
// where the report finds it, and delivered to the OTLP endpoint that OTEL_EXPORTER_OTLP_ENDPOINT (or
// --otlp) names, in the encoding OTEL_EXPORTER_OTLP_PROTOCOL names.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../reports/index.js';
import { decodeOtlpJson, decodeOtlpProtobuf } from '../../reports/otlp/index.js';
import { openStore } from '../../store/index.js';
import type { SpanRecord } from '../../tracing/index.js';
import { runRecorded } from '../test-support.js';

let receiver: Server;
let endpoint: string;
let directory: string;
const received: Array<{ contentType: string | undefined; spans: SpanRecord[] }> = [];

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-run-tracing-'));
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const contentType = request.headers['content-type'];
      const body = Buffer.concat(chunks);
      if (request.url === '/v1/traces') received.push({ contentType, spans: contentType === 'application/x-protobuf' ? decodeOtlpProtobuf(body) : decodeOtlpJson(body) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await rm(directory, { recursive: true, force: true });
});

const deliveriesOf = (traceId: string) => received.filter((request) => request.spans.some((span) => span.traceId === traceId));
const spansOf = (traceId: string) => received.flatMap((request) => request.spans).filter((span) => span.traceId === traceId);
const traceIdIn = (output: string) => /^trace +([0-9a-f]{32})$/m.exec(output)![1]!;

/** `agentlab run` on the oracle with no latency, its spans kept in a store of this test's own. */
function run(arguments_: readonly string[], env: Record<string, string> = {}, store = path.join(directory, 'agentlab.db')) {
  return runRecorded(['run', ...arguments_, '--model', 'sim:oracle', '--latency', 'zero', '--store', store], { env });
}

describe('agentlab run with tracing', () => {
  it('prints the trace id and a summary computed from the spans', async () => {
    const result = await run(['react', 'Search for the boiling point of water and calculate 17 * 23']);
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/^trace +[0-9a-f]{32}$/m);
    expect(result.output).toMatch(/^trace summary +6 spans: 1 agent, 3 model, 2 tool; tokens in [\d,]+ \/ out [\d,]+; \d+ ms; \$0\.\d+$/m);
    expect(result.output).not.toContain('exported to');
  });

  it('keeps the spans in the store, where the report serves the trace it printed', async () => {
    const store = path.join(directory, 'reports', 'runs.db');
    const result = await run(['react', 'Search for the boiling point of water and calculate 17 * 23'], {}, store);
    expect(result.exitCode).toBe(0);
    const traceId = traceIdIn(result.output);
    const opened = openStore(store);
    try {
      const spans = opened.spans(traceId);
      expect(spans.map((span) => span.name).sort()).toEqual(['chat oracle', 'chat oracle', 'chat oracle', 'execute_tool calculator', 'execute_tool search_web', 'invoke_agent react']);
      const app = buildApp({ store: opened });
      try {
        const api = await app.inject({ method: 'GET', url: `/api/traces/${traceId}` });
        expect(api.statusCode).toBe(200);
        expect(api.body).toContain('invoke_agent react');
        const page = await app.inject({ method: 'GET', url: `/traces/${traceId}` });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain(traceId);
      } finally {
        await app.close();
      }
    } finally {
      opened.close();
    }
  });

  it('delivers the trace as protobuf, by default, to the receiver named by OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const result = await run(['react', 'Who created Python?'], { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'cli-test' });
    expect(result.exitCode).toBe(0);
    const traceId = traceIdIn(result.output);
    expect(result.output).toContain(`exported to    ${endpoint}/v1/traces`);
    expect(deliveriesOf(traceId).map((request) => request.contentType)).toEqual(expect.arrayContaining(['application/x-protobuf']));
    expect(deliveriesOf(traceId).every((request) => request.contentType === 'application/x-protobuf')).toBe(true);
    expect(spansOf(traceId).map((span) => span.name).sort()).toEqual(['chat oracle', 'chat oracle', 'execute_tool search_web', 'invoke_agent react']);
    expect(spansOf(traceId).every((span) => span.serviceName === 'cli-test')).toBe(true);
  });

  it('sends JSON to --otlp when OTEL_EXPORTER_OTLP_PROTOCOL=http/json, with message content when --capture-content is given', async () => {
    const result = await run(['react', 'Calculate 6 * 7', '--otlp', endpoint, '--capture-content', '--json'], { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    expect(result.exitCode).toBe(0);
    const traceId = (JSON.parse(result.output) as { traceId: string }).traceId;
    expect(deliveriesOf(traceId).every((request) => request.contentType === 'application/json')).toBe(true);
    const tool = spansOf(traceId).find((span) => span.name === 'execute_tool calculator')!;
    expect(tool.attributes['gen_ai.tool.call.result']).toBe('42');
    const chat = spansOf(traceId).find((span) => span.name === 'chat oracle')!;
    expect(JSON.parse(chat.attributes['gen_ai.input.messages'] as string)[1]).toEqual({ role: 'user', parts: [{ type: 'text', content: 'Calculate 6 * 7' }] });
  });

  it('refuses OTEL_EXPORTER_OTLP_PROTOCOL=grpc before running, exit 2, naming the variable and what it accepts', async () => {
    const store = path.join(directory, 'refused', 'agentlab.db');
    const result = await run(['react', 'Who created Python?'], { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, store);
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toBe(
      'error: OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported (agentlab sends OTLP over HTTP only, not gRPC): set it to http/protobuf or http/json (default http/protobuf), or unset it.\n',
    );
    expect(result.output).toBe('');
    expect(existsSync(store)).toBe(false);
  });
});
