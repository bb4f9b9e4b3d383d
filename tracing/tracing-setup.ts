// Sets up the OpenTelemetry JS SDK for a process: a tracer provider with a resource, batching span
// processors feeding the configured sinks (the store, memory) and OTLP/HTTP (protobuf or JSON) when
// the standard variables ask for it. Agents only ever see the `Tracer` from @opentelemetry/api.
import { context, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { defaultExportDelayMs, defaultServiceName, defaultSinkExportDelayMs, tracerName } from './constants.js';
import { GeneralAttribute } from './gen-ai-attributes.js';
import { OtlpFailureTolerantProcessor } from './otlp-failure-tolerant-processor.js';
import { OtlpHttpExporter } from './otlp-http-exporter.js';
import { readOtlpSettings, type OtlpSettings } from './otlp-settings.js';
import { SinkSpanExporter, type SpanSink } from './span-sink.js';

export interface TracingOptions {
  /** Defaults to OTEL_SERVICE_NAME, then `agentlab`. */
  serviceName?: string;
  /** Where OTEL_* variables are read; process.env by default. */
  environment?: Readonly<Record<string, string | undefined>>;
  /** An OTLP/HTTP endpoint given on the command line (`--otlp`), over the variables; the encoding still follows OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL. */
  otlpUrl?: string;
  /** Extra destinations for finished spans, such as the store. */
  sinks?: SpanSink[];
  /** How long the batch processors wait before exporting. */
  exportDelayMs?: number;
  /** Version recorded on the tracer. */
  version?: string;
  /**
   * Also serve `trace.getTracer()` from @opentelemetry/api until shutdown, so spans that code run
   * in-process makes (a user's agent module, the Vercel AI SDK's telemetry) join the current trace.
   * Skipped when the process already has a global tracer provider.
   */
  global?: boolean;
  /**
   * Told (once) when spans could not be sent over OTLP, with a sentence naming the endpoint; the
   * run goes on and its result stands. A warning on stderr by default.
   */
  onExportFailure?: (message: string) => void;
}

export interface Tracing {
  tracer: Tracer;
  /** Where OTLP goes, when it does. */
  otlp: OtlpSettings | undefined;
  forceFlush(): Promise<void>;
  /** Why spans could not be sent over OTLP, once that happened (the message onExportFailure was given). */
  exportFailure(): string | undefined;
  /** Flushes everything and stops the exporters. */
  shutdown(): Promise<void>;
}

let contextManagerInstalled = false;

/** Parent-child links across awaits need a context manager; one per process, installed once. */
function installContextManager(): void {
  if (contextManagerInstalled) return;
  // Returns false when another library installed one first; that one serves as well.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerInstalled = true;
}

/** Throws TracingSettingsError for an OTLP protocol agentlab cannot send, before anything is started. */
export function setupTracing(options: TracingOptions = {}): Tracing {
  const environment = options.environment ?? process.env;
  const serviceName = options.serviceName ?? (environment.OTEL_SERVICE_NAME?.trim() || defaultServiceName);
  const otlp = readOtlpSettings(environment, options.otlpUrl);
  const bufferConfig = { scheduledDelayMillis: options.exportDelayMs ?? defaultExportDelayMs, maxExportBatchSize: 512, maxQueueSize: 65_536 };
  const sinkBufferConfig = { ...bufferConfig, scheduledDelayMillis: options.exportDelayMs ?? defaultSinkExportDelayMs };
  const spanProcessors: SpanProcessor[] = (options.sinks ?? []).map((sink) => new BatchSpanProcessor(new SinkSpanExporter(sink), sinkBufferConfig));
  let exportFailure: string | undefined;
  if (otlp) {
    const report = options.onExportFailure ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
    const exporting = new BatchSpanProcessor(new OtlpHttpExporter(otlp), bufferConfig);
    spanProcessors.push(
      new OtlpFailureTolerantProcessor(exporting, (error) => {
        exportFailure = otlpExportFailure(otlp.url, error);
        report(exportFailure);
      }),
    );
  }

  installContextManager();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [GeneralAttribute.serviceName]: serviceName }),
    spanProcessors,
  });
  const registered = options.global === true && trace.setGlobalTracerProvider(provider);
  return {
    tracer: provider.getTracer(tracerName, options.version),
    otlp,
    forceFlush: () => provider.forceFlush(),
    exportFailure: () => exportFailure,
    shutdown: async () => {
      if (registered) trace.disable();
      await provider.shutdown();
    },
  };
}

/** `spans could not be exported over OTLP to http://collector:4318/v1/traces: connect ECONNREFUSED …` */
function otlpExportFailure(url: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `spans could not be exported over OTLP to ${withoutCredentials(url)}: ${reason.replace(/\p{Cc}+/gu, ' ')} (the run's results are not affected)`;
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
