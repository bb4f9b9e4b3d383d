// The OTLP/HTTP span exporter, loaded on the first export: its module graph (transformers, the HTTP
// transport) costs startup time and memory that runs without an OTLP endpoint should not pay.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { OtlpSettings } from './otlp-settings.js';

export class OtlpHttpExporter implements SpanExporter {
  #exporter: Promise<SpanExporter> | undefined;

  constructor(private readonly settings: OtlpSettings) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.load().then(
      (exporter) => exporter.export(spans, resultCallback),
      (error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }

  async forceFlush(): Promise<void> {
    if (this.#exporter) await (await this.#exporter).forceFlush?.();
  }

  async shutdown(): Promise<void> {
    if (this.#exporter) await (await this.#exporter).shutdown();
  }

  private load(): Promise<SpanExporter> {
    this.#exporter ??= import('@opentelemetry/exporter-trace-otlp-http').then(
      ({ OTLPTraceExporter }) => new OTLPTraceExporter({ url: this.settings.url, headers: this.settings.headers }),
    );
    return this.#exporter;
  }
}
