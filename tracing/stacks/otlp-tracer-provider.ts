// The tracer provider a hand-set-up OpenTelemetry app registers: a NodeTracerProvider with the
// service name as its resource, batching into an OTLP/HTTP exporter. The Vercel AI SDK and
// OpenInference leave this to the app; Traceloop builds its own.
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface OtlpTracerProviderOptions {
  serviceName: string;
  tracesUrl: string;
  /** The OTLP/HTTP encoding; the OTel specification's default is protobuf. */
  protocol: 'http/protobuf' | 'http/json';
}

/** Registers the provider globally, as an app's tracing set-up does; shut it down before exit. */
export function registerOtlpTracerProvider(options: OtlpTracerProviderOptions): NodeTracerProvider {
  const exporter = options.protocol === 'http/json' ? new OtlpJsonExporter({ url: options.tracesUrl }) : new OtlpProtobufExporter({ url: options.tracesUrl });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  return provider;
}
