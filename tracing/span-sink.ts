// Where finished spans go besides OTLP: the interface of any sink, an in-memory sink, a sink that
// normalises spans before they reach the store, and the SDK exporter that feeds any sink.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { NormalizeOptions } from './normalize/index.js';
import { toSpanRecord, type SpanRecord } from './span-record.js';
import { normalizeSpans, type NormalizedSpan } from './trace-summary.js';

export interface SpanSink {
  /** Called with batches of finished spans; may be async. */
  write(spans: SpanRecord[]): void | Promise<void>;
  close?(): void | Promise<void>;
}

/** Keeps spans in memory, for tests and for the CLI's summary of the run it just made. */
export class MemorySpanSink implements SpanSink {
  readonly spans: SpanRecord[] = [];

  write(spans: SpanRecord[]): void {
    this.spans.push(...spans);
  }

  trace(traceId: string): SpanRecord[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }
}

/** What keeps normalised spans: the store. */
export interface NormalizedSpanWriter {
  writeSpans(entries: readonly NormalizedSpan[]): void | Promise<void>;
}

/**
 * A sink that reads each span through the normaliser (pricing model calls with `priceFor`) and
 * writes span and view to `writer`. Closing it leaves the writer open.
 */
export function normalizingSink(writer: NormalizedSpanWriter, options: NormalizeOptions = {}): SpanSink {
  return { write: (spans) => writer.writeSpans(normalizeSpans(spans, options.priceFor)) };
}

export class SinkSpanExporter implements SpanExporter {
  constructor(private readonly sink: SpanSink) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    Promise.resolve()
      .then(() => this.sink.write(spans.map(toSpanRecord)))
      .then(
        () => resultCallback({ code: ExportResultCode.SUCCESS }),
        (error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
      );
  }

  async shutdown(): Promise<void> {
    await this.sink.close?.();
  }

  async forceFlush(): Promise<void> {}
}
