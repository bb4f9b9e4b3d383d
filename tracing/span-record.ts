// A finished span as plain data: what sinks store, summaries read and the report server shows,
// whether it came from this process's SDK or from an OTLP payload.
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

export type SpanKindName = 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type SpanStatusName = 'unset' | 'ok' | 'error';

export interface SpanEventRecord {
  name: string;
  timeMs: number;
  attributes: Record<string, AttributeValue>;
}

export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanKindName;
  /** Milliseconds since the Unix epoch, fractional. */
  startTimeMs: number;
  endTimeMs: number;
  durationMs: number;
  status: { code: SpanStatusName; message?: string };
  attributes: Record<string, AttributeValue>;
  events: SpanEventRecord[];
  serviceName: string;
  scope: string;
}

const kindNames: Record<SpanKind, SpanKindName> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

const statusNames: Record<SpanStatusCode, SpanStatusName> = {
  [SpanStatusCode.UNSET]: 'unset',
  [SpanStatusCode.OK]: 'ok',
  [SpanStatusCode.ERROR]: 'error',
};

function definedAttributes(attributes: Attributes): Record<string, AttributeValue> {
  const result: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) result[key] = value;
  return result;
}

export function toSpanRecord(span: ReadableSpan): SpanRecord {
  const context = span.spanContext();
  const serviceName = span.resource.attributes['service.name'];
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    ...(span.parentSpanContext ? { parentSpanId: span.parentSpanContext.spanId } : {}),
    name: span.name,
    kind: kindNames[span.kind] ?? 'internal',
    startTimeMs: hrTimeToMilliseconds(span.startTime),
    endTimeMs: hrTimeToMilliseconds(span.endTime),
    durationMs: hrTimeToMilliseconds(span.duration),
    status: { code: statusNames[span.status.code] ?? 'unset', ...(span.status.message ? { message: span.status.message } : {}) },
    attributes: definedAttributes(span.attributes),
    events: span.events.map((event) => ({ name: event.name, timeMs: hrTimeToMilliseconds(event.time), attributes: definedAttributes(event.attributes ?? {}) })),
    serviceName: typeof serviceName === 'string' ? serviceName : 'unknown',
    scope: span.instrumentationScope.name,
  };
}
