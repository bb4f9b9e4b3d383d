// The pipeline's spans in an eval case without the ones the recording proxy already makes: every
// model call and tool call of a proxied agent is a `chat` span and an `execute_tool` span of the
// proxy's, so the pipeline's own would count each call, its tokens and its cost twice in the trace's
// totals. Its structure stays: the piece's and each worker's `invoke_agent` span, the events and the
// messages. A dropped span is a non-recording stand-in carrying its parent's context, so anything
// started under it still joins the case's trace.
import { context as otelContext, INVALID_SPAN_CONTEXT, trace, type Context, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';
import { GenAiOperation } from '../tracing/index.js';

const proxiedPrefixes = [`${GenAiOperation.chat} `, `${GenAiOperation.executeTool} `];

export function withoutProxiedSpans(tracer: Tracer): Tracer {
  const startSpan = (name: string, options?: SpanOptions, context?: Context): Span => {
    if (!proxiedPrefixes.some((prefix) => name.startsWith(prefix))) return tracer.startSpan(name, options, context);
    const parent = trace.getSpanContext(context ?? otelContext.active());
    return trace.wrapSpanContext(parent ?? INVALID_SPAN_CONTEXT);
  };
  return {
    startSpan,
    // Every overload ends with the function to run in the span's context.
    startActiveSpan: ((name: string, ...rest: unknown[]) => {
      const run = rest.pop() as (span: Span) => unknown;
      const [options, context] = rest as [SpanOptions | undefined, Context | undefined];
      const span = startSpan(name, options, context);
      return otelContext.with(trace.setSpan(context ?? otelContext.active(), span), () => run(span));
    }) as Tracer['startActiveSpan'],
  };
}
