// The OTLP processor's flush and shutdown, made to report a failed export instead of throwing it.
// Telemetry is a copy of what the run did: an endpoint that is down or refuses the spans must not
// take the run's answer, report or exit code with it (OpenTelemetry's own guidance: exporters never
// fail the instrumented program). The failure is told once, naming the endpoint.
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

export class OtlpFailureTolerantProcessor implements SpanProcessor {
  #reported = false;

  constructor(
    private readonly inner: SpanProcessor,
    private readonly report: (error: unknown) => void,
  ) {}

  onStart(span: Span, parentContext: Context): void {
    this.inner.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    this.inner.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush().catch((error: unknown) => this.fail(error));
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown().catch((error: unknown) => this.fail(error));
  }

  private fail(error: unknown): void {
    if (this.#reported) return;
    this.#reported = true;
    this.report(error);
  }
}
