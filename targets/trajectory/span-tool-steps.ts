// Tool calls an agent reported as spans, as trajectory steps: what an agent in any language adds to
// the proxy's record when it sends its traces to the OTLP receiver. Tool spans are read through the
// span normaliser, so every dialect it knows (GenAI, OpenInference, Vercel AI SDK, Traceloop) counts.
import type { AttributeValue } from '@opentelemetry/api';
import type { ToolCallStep } from '../../agents/index.js';
import { GenAiAttribute, GeneralAttribute, normalizeSpan, type SpanRecord } from '../../tracing/index.js';
import { toolErrorCode } from './constants.js';

export interface SpanToolStepsOptions {
  /** The steps' `agent` when a span does not name one (`gen_ai.agent.name`). */
  agent?: string;
}

/** One tool_call step per tool span, in start order; spans of other kinds are left out. */
export function spanToolSteps(spans: readonly SpanRecord[], options: SpanToolStepsOptions = {}): ToolCallStep[] {
  const steps: ToolCallStep[] = [];
  for (const span of spans) {
    const step = toolStep(span, options);
    if (step) steps.push(step);
  }
  return steps.sort((left, right) => left.startedAt - right.startedAt);
}

function toolStep(span: SpanRecord, options: SpanToolStepsOptions): ToolCallStep | undefined {
  const view = normalizeSpan(span);
  if (view.type !== 'tool' || !view.tool) return undefined;
  const ok = view.error === undefined;
  return {
    type: 'tool_call',
    agent: text(span.attributes[GenAiAttribute.agentName]) ?? options.agent ?? '',
    callId: view.tool.callId ?? '',
    tool: view.tool.name,
    arguments: view.tool.arguments ?? '',
    ok,
    result: view.tool.result || (ok ? '' : (span.status.message ?? '')),
    ...(ok ? {} : { errorCode: text(span.attributes[GeneralAttribute.errorType]) ?? toolErrorCode }),
    latencyMs: span.durationMs,
    startedAt: span.startTimeMs,
  };
}

function text(value: AttributeValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
