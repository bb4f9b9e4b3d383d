// Shared set-up for messaging tests: the real OpenTelemetry SDK into an in-memory sink, a root span
// to record under, and a clock that ticks one millisecond per reading.
import { MemorySpanSink, setupTracing, type SpanRecord, type Tracing } from '../../tracing/index.js';

export interface TracedBed {
  tracing: Tracing;
  /** Runs `work` inside a root span and returns its result and the finished trace's spans. */
  traced<Result>(work: () => Promise<Result> | Result): Promise<{ result: Result; spans: SpanRecord[] }>;
}

export function createTracedBed(): TracedBed {
  const sink = new MemorySpanSink();
  const tracing = setupTracing({ sinks: [sink], exportDelayMs: 10, environment: {} });
  return {
    tracing,
    async traced(work) {
      let traceId = '';
      const result = await tracing.tracer.startActiveSpan('test root', async (span) => {
        traceId = span.spanContext().traceId;
        try {
          return await work();
        } finally {
          span.end();
        }
      });
      await tracing.forceFlush();
      return { result, spans: sink.trace(traceId) };
    },
  };
}

/** 2026-01-01T00:00:00.000Z, then a millisecond later per reading: times that order events without depending on the machine's speed. (The SDK reads small numbers as performance.now() readings, so a clock must be epoch milliseconds.) */
export const clockStart = Date.UTC(2026, 0, 1);

export function tickingClock(start = clockStart): () => number {
  let time = start;
  return () => time++;
}
