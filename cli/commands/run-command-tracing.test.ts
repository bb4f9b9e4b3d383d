// `agentlab run` and tracing: the trace id and its summary in the output, and the trace delivered to
// the OTLP endpoint that OTEL_EXPORTER_OTLP_ENDPOINT (or --otlp) names.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecorded } from '../test-support.js';

interface OtlpPayload {
  resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ traceId: string; name: string; attributes: Array<{ key: string; value: { stringValue?: string } }> }> }> }>;
}

let receiver: Server;
let endpoint: string;
const payloads: OtlpPayload[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') payloads.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpPayload);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

const spansOf = (traceId: string) =>
  payloads.flatMap((payload) => payload.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans))).filter((span) => span.traceId === traceId);

describe('agentlab run with tracing', () => {
  it('prints the trace id and a summary computed from the spans', async () => {
    const result = await runRecorded(['run', 'react', 'Search for the boiling point of water and calculate 17 * 23', '--model', 'sim:oracle', '--latency', 'zero']);
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/^trace +[0-9a-f]{32}$/m);
    expect(result.output).toMatch(/^trace summary +6 spans: 1 agent, 3 model, 2 tool; tokens in [\d,]+ \/ out [\d,]+; \d+ ms; \$0\.\d+$/m);
    expect(result.output).not.toContain('exported to');
  });

  it('delivers the trace to the receiver named by OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const result = await runRecorded(['run', 'react', 'Who created Python?', '--model', 'sim:oracle', '--latency', 'zero'], {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'cli-test' },
    });
    expect(result.exitCode).toBe(0);
    const traceId = /^trace +([0-9a-f]{32})$/m.exec(result.output)![1]!;
    expect(result.output).toContain(`exported to    ${endpoint}/v1/traces`);
    expect(spansOf(traceId).map((span) => span.name).sort()).toEqual(['chat oracle', 'chat oracle', 'execute_tool search_web', 'invoke_agent react']);
  });

  it('sends to --otlp, with message content when --capture-content is given', async () => {
    const result = await runRecorded(['run', 'react', 'Calculate 6 * 7', '--model', 'sim:oracle', '--latency', 'zero', '--otlp', endpoint, '--capture-content', '--json']);
    expect(result.exitCode).toBe(0);
    const traceId = (JSON.parse(result.output) as { traceId: string }).traceId;
    const tool = spansOf(traceId).find((span) => span.name === 'execute_tool calculator')!;
    expect(tool.attributes.find((attribute) => attribute.key === 'gen_ai.tool.call.result')?.value.stringValue).toBe('42');
  });
});
