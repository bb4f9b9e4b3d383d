// An OTLP collector that refuses the spans (400, which the exporter does not retry): the failure is
// told once naming the endpoint (without credentials), and flushing and shutting down still resolve,
// so the run's own result and exit code stand. A real collector started in the test, the real
// exporter. (A closed port behaves the same, after the exporter's retries of about 15 s.)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySpanSink, setupTracing } from './index.js';

let collector: Server;
let port: number;
let refused = 0;

beforeAll(async () => {
  collector = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      refused++;
      response.writeHead(400, { 'content-type': 'application/json' }).end('{"code":3,"message":"invalid spans"}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  port = (collector.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

describe('an OTLP collector that refuses the spans', () => {
  it('is reported once, naming the endpoint without credentials, and never fails the flush or the other sinks', async () => {
    const failures: string[] = [];
    const memory = new MemorySpanSink();
    const tracing = setupTracing({ environment: {}, otlpUrl: `http://user:secret@127.0.0.1:${port}`, sinks: [memory], exportDelayMs: 10, onExportFailure: (message) => failures.push(message) });
    tracing.tracer.startSpan('invoke_agent react').end();
    await expect(tracing.forceFlush()).resolves.toBeUndefined();
    tracing.tracer.startSpan('invoke_agent react').end();
    await expect(tracing.shutdown()).resolves.toBeUndefined();

    expect(refused).toBeGreaterThanOrEqual(1);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(new RegExp(`^spans could not be exported over OTLP to http://127\\.0\\.0\\.1:${port}/v1/traces: .+ \\(the run's results are not affected\\)$`));
    expect(failures[0]).not.toContain('secret');
    expect(tracing.exportFailure()).toBe(failures[0]);
    // The store's (here memory's) copy is whole.
    expect(memory.spans.map((span) => span.name)).toEqual(['invoke_agent react', 'invoke_agent react']);
  });
});
