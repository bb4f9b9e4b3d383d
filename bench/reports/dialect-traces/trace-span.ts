// One span of a planned run as a SpanRecord: the plan's trace and service, fresh span ids, and a
// failure written as OpenTelemetry SDKs write one (status error with a message and an `exception`
// event), so every stack's writer records errors alike.
import type { AttributeValue } from '@opentelemetry/api';
import type { SpanKindName, SpanRecord } from '../../../tracing/index.js';
import type { RandomSource } from '../random-source.js';
import type { AgentRunPlan } from './agent-run-plan.js';

export interface TraceSpanFields {
  /** A fresh id unless given (a parent's id is drawn before its children are written). */
  spanId?: string;
  name: string;
  kind?: SpanKindName;
  scope: string;
  parentSpanId?: string;
  startMs: number;
  endMs: number;
  attributes: Record<string, AttributeValue>;
  /** The span failed with this message. */
  errorMessage?: string;
  /** Sets status OK instead of leaving it unset, as some instrumentations do. */
  ok?: boolean;
}

export function traceSpan(plan: AgentRunPlan, random: RandomSource, fields: TraceSpanFields): SpanRecord {
  const failed = fields.errorMessage !== undefined;
  return {
    traceId: plan.traceId,
    spanId: fields.spanId ?? random.hex(8),
    ...(fields.parentSpanId ? { parentSpanId: fields.parentSpanId } : {}),
    name: fields.name,
    kind: fields.kind ?? 'internal',
    startTimeMs: fields.startMs,
    endTimeMs: fields.endMs,
    durationMs: fields.endMs - fields.startMs,
    status: failed ? { code: 'error', message: fields.errorMessage } : { code: fields.ok ? 'ok' : 'unset' },
    attributes: fields.attributes,
    events: failed ? [{ name: 'exception', timeMs: fields.endMs, attributes: { 'exception.type': 'Error', 'exception.message': fields.errorMessage! } }] : [],
    serviceName: plan.serviceName,
    scope: fields.scope,
  };
}

/** What a failed model call's error says. */
export const modelCallError = '429 Rate limit reached for requests per minute; please try again in 20s.';
