// An OTLP endpoint that is down: the spans cannot go, the failure is told once naming the endpoint
// (without credentials), and flushing and shutting down still resolve, so the run's own result and
// exit code stand. Against a real closed port, through the real exporter.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MemorySpanSink, setupTracing } from './index.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('an OTLP endpoint that cannot be reached', () => {
  it('is reported once, naming the endpoint without credentials, and never fails the flush or the other sinks', async () => {
    const port = await closedPort();
    const failures: string[] = [];
    const memory = new MemorySpanSink();
    const tracing = setupTracing({ environment: {}, otlpUrl: `http://user:secret@127.0.0.1:${port}`, sinks: [memory], exportDelayMs: 10, onExportFailure: (message) => failures.push(message) });
    tracing.tracer.startSpan('invoke_agent react').end();
    await expect(tracing.forceFlush()).resolves.toBeUndefined();
    tracing.tracer.startSpan('invoke_agent react').end();
    await expect(tracing.shutdown()).resolves.toBeUndefined();

    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(new RegExp(`^spans could not be exported over OTLP to http://127\\.0\\.0\\.1:${port}/v1/traces: .+ \\(the run's results are not affected\\)$`));
    expect(failures[0]).not.toContain('secret');
    // The store's (here memory's) copy is whole.
    expect(memory.spans.map((span) => span.name)).toEqual(['invoke_agent react', 'invoke_agent react']);
  });
});
