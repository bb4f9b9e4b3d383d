// A tracer that notes the first span started with no parent: the root of a case's trace, which every
// kind of target (built-in, module, command, HTTP) starts through the tracer it is given. The rating
// of the case's answer, made after the target has finished, becomes a child of that root.
import { context as otelContext, trace, type Context, type Span, type SpanContext, type SpanOptions, type Tracer } from '@opentelemetry/api';

export interface RootSpanRecorder {
  /** Hand this to the target instead of the eval's tracer. */
  tracer: Tracer;
  /** The root span's context, once one was started. */
  rootSpanContext(): SpanContext | undefined;
}

export function recordingRootSpan(inner: Tracer): RootSpanRecorder {
  let root: SpanContext | undefined;
  const note = (span: Span, parent: Context | undefined, options: SpanOptions | undefined) => {
    if (root === undefined && (options?.root === true || trace.getSpan(parent ?? otelContext.active()) === undefined) && span.isRecording()) root = span.spanContext();
    return span;
  };
  const tracer: Tracer = {
    startSpan: (name, options, parent) => note(inner.startSpan(name, options, parent), parent, options),
    startActiveSpan: ((name: string, ...rest: unknown[]) => {
      // (name, fn), (name, options, fn) or (name, options, context, fn): the callback is always last.
      const work = rest.pop() as (span: Span) => unknown;
      const options = rest[0] as SpanOptions | undefined;
      const parent = rest[1] as Context | undefined;
      return (inner.startActiveSpan as (...parameters: unknown[]) => unknown)(name, ...rest, (span: Span) => work(note(span, parent, options)));
    }) as Tracer['startActiveSpan'],
  };
  return { tracer, rootSpanContext: () => root };
}
