// An ExportTraceServiceRequest as protobufjs decodes it to span records, read directly: ids from
// their bytes, timestamps from their 32-bit halves, enums as integers. Only ids and attribute keys
// can be malformed once the bytes have decoded; either rejects the whole request with the path of
// the first bad field, as OTLP/JSON does.
import type { SpanRecord } from '../../tracing/index.js';
import { spanIdByteLength, traceIdByteLength } from './constants.js';
import { decodeOtlpIdBytes, requireOtlpIdBytes } from './otlp-id.js';
import { PayloadPath } from './payload-path.js';
import { decodeAttributes } from './protobuf-any-value.js';
import { serviceNameOf } from './span-origin.js';
import type { SpanOrigin } from './span-origin.js';
import { fallbackSpanKind, fallbackStatusCode, spanKindsByNumber, spanStatus, statusCodesByNumber } from './span-enums.js';
import type { DecodedEvent, DecodedSpan, DecodedTraceRequest } from './trace-proto.js';
import { fixed64NanosToMs } from './unix-nanos.js';

function decodeStatus(status: DecodedSpan['status']): SpanRecord['status'] {
  if (!status) return { code: fallbackStatusCode };
  return spanStatus(statusCodesByNumber[status.code] ?? fallbackStatusCode, status.message);
}

function decodeEvents(events: readonly DecodedEvent[], path: PayloadPath): SpanRecord['events'] {
  const records: SpanRecord['events'] = [];
  path.enter('events');
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    path.enter(index);
    records.push({ name: event.name, timeMs: fixed64NanosToMs(event.timeUnixNano), attributes: decodeAttributes(event.attributes, path, 'attributes') });
    path.leave();
  }
  path.leave();
  return records;
}

/** The span at `path`; its fields are read in the order the first bad one is reported. */
function decodeSpan(span: DecodedSpan, path: PayloadPath, origin: SpanOrigin): SpanRecord {
  const parentSpanId = decodeOtlpIdBytes(span.parentSpanId, spanIdByteLength, path, 'parentSpanId');
  const startTimeMs = fixed64NanosToMs(span.startTimeUnixNano);
  const endTimeMs = fixed64NanosToMs(span.endTimeUnixNano);
  const traceId = requireOtlpIdBytes(span.traceId, traceIdByteLength, path, 'traceId');
  const spanId = requireOtlpIdBytes(span.spanId, spanIdByteLength, path, 'spanId');
  const name = span.name;
  const kind = spanKindsByNumber[span.kind] ?? fallbackSpanKind;
  const status = decodeStatus(span.status);
  const attributes = decodeAttributes(span.attributes, path, 'attributes');
  const events = decodeEvents(span.events, path);
  const durationMs = Math.max(0, endTimeMs - startTimeMs);
  const { serviceName, scope } = origin;
  return parentSpanId === undefined
    ? { traceId, spanId, name, kind, startTimeMs, endTimeMs, durationMs, status, attributes, events, serviceName, scope }
    : { traceId, spanId, parentSpanId, name, kind, startTimeMs, endTimeMs, durationMs, status, attributes, events, serviceName, scope };
}

/** The span records of a decoded request. */
export function decodeProtobufTraceRequest(request: DecodedTraceRequest): SpanRecord[] {
  const path = new PayloadPath();
  const spans: SpanRecord[] = [];
  path.enter('resourceSpans');
  for (let resourceIndex = 0; resourceIndex < request.resourceSpans.length; resourceIndex++) {
    const resourceSpans = request.resourceSpans[resourceIndex]!;
    path.enter(resourceIndex);
    path.enter('resource');
    const serviceName = serviceNameOf(decodeAttributes(resourceSpans.resource ? resourceSpans.resource.attributes : [], path, 'attributes'));
    path.leave();
    path.enter('scopeSpans');
    for (let scopeIndex = 0; scopeIndex < resourceSpans.scopeSpans.length; scopeIndex++) {
      const scopeSpans = resourceSpans.scopeSpans[scopeIndex]!;
      path.enter(scopeIndex);
      const origin: SpanOrigin = { serviceName, scope: scopeSpans.scope ? scopeSpans.scope.name : '' };
      path.enter('spans');
      for (let spanIndex = 0; spanIndex < scopeSpans.spans.length; spanIndex++) {
        path.enter(spanIndex);
        spans.push(decodeSpan(scopeSpans.spans[spanIndex]!, path, origin));
        path.leave();
      }
      path.leave();
      path.leave();
    }
    path.leave();
    path.leave();
  }
  return spans;
}
