// The OTLP/HTTP span exporter, in the encoding the settings name (protobuf or JSON), loaded on the
// first export: its module graph (transformers, protobuf, the HTTP transport) costs startup time and
// memory that runs without an OTLP endpoint should not pay.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { OtlpProtocol, OtlpSettings } from './otlp-settings.js';

interface ExporterModule {
  OTLPTraceExporter: new (config: { url: string; headers: Record<string, string> }) => SpanExporter;
}

/** One exporter package per encoding; both post to the same /v1/traces URL with their own Content-Type. */
const exporterModules: Record<OtlpProtocol, () => Promise<ExporterModule>> = {
  'http/protobuf': () => import('@opentelemetry/exporter-trace-otlp-proto'),
  'http/json': () => import('@opentelemetry/exporter-trace-otlp-http'),
};

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
    const { url, headers, protocol } = this.settings;
    this.#exporter ??= exporterModules[protocol]().then(({ OTLPTraceExporter }) => new OTLPTraceExporter({ url, headers }));
    return this.#exporter;
  }
}
