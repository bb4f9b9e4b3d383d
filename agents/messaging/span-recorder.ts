// Puts the messaging layer on the trace: span events on whatever span is active when a message is
// sent, a key written or an event published, and child spans for event handlers. Content is only
// attached when capture is on, cut to the size every captured attribute is cut to.
import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Link, type Span, type SpanContext, type Tracer } from '@opentelemetry/api';
import { capCapturedContent, GeneralAttribute } from '../../tracing/index.js';
import { messagingTracerName } from './constants.js';
import type { MessagingMetadata, MessagingOptions } from './messaging-options.js';

export class SpanRecorder {
  readonly captureContent: boolean;
  private readonly tracer: Tracer;
  private readonly clock: () => number;

  constructor(options: MessagingOptions) {
    this.captureContent = options.captureContent === true;
    this.tracer = options.tracer ?? trace.getTracer(messagingTracerName);
    this.clock = options.now ?? Date.now;
  }

  now(): number {
    return this.clock();
  }

  /** The span events would go on, when one is recording. */
  activeSpan(): Span | undefined {
    const span = trace.getActiveSpan();
    return span?.isRecording() ? span : undefined;
  }

  /** Adds an event to the active span; `content` (attribute name and text) only when capture is on. Returns the span's context. */
  event(name: string, attributes: Attributes, time: number, content?: { attribute: string; text: string }): SpanContext | undefined {
    const span = this.activeSpan();
    if (!span) return undefined;
    const recorded = this.captureContent && content ? { ...attributes, [content.attribute]: capCapturedContent(content.text) } : attributes;
    span.addEvent(name, recorded, time);
    return span.spanContext();
  }

  /** Attributes and, for OTLP backends, a link to the span where the cause was recorded, on the active span. */
  cite(attributes: Attributes, link?: Link): void {
    const span = this.activeSpan();
    if (!span) return;
    span.setAttributes(attributes);
    if (link) span.addLink(link);
  }

  /** Runs `work` in a child span of the active one; a failure marks the span and is thrown on. */
  async inChildSpan<Result>(name: string, attributes: Attributes, work: () => Promise<Result>): Promise<Result> {
    const span = this.tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes }, context.active());
    try {
      return await context.with(trace.setSpan(context.active(), span), work);
    } catch (error) {
      span.setAttribute(GeneralAttribute.errorType, error instanceof Error ? error.name : 'error');
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  }
}

/** Metadata as one JSON attribute; absent when there is none. */
export function metadataAttribute(name: string, metadata: MessagingMetadata | undefined): Attributes {
  return metadata && Object.keys(metadata).length > 0 ? { [name]: JSON.stringify(metadata) } : {};
}
