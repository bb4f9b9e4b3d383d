// An ExportTraceServiceRequest in the OTLP/JSON shape (resourceSpans → scopeSpans → spans) to span
// records. Both wire formats end here: JSON as parsed, protobuf as protobufjs renders it. Any
// malformed part rejects the whole request, with the path of the first bad field.
import type { SpanKindName, SpanRecord, SpanStatusName } from '../../tracing/index.js';
import { GeneralAttribute } from '../../tracing/index.js';
import { decodeAttributes } from './any-value.js';
import { spanIdByteLength, traceIdByteLength, unknownServiceName } from './constants.js';
import { OtlpDecodeError } from './errors.js';
import { decodeOtlpId, requireOtlpId } from './otlp-id.js';
import type { IdEncoding } from './otlp-id.js';
import { expectObject, optionalArray, optionalObject, optionalString } from './payload-shape.js';
import type { PayloadObject } from './payload-shape.js';
import { unixNanosToMs } from './unix-nanos.js';

// Enums arrive as integers (OTLP/JSON) or, from generic protobuf JSON writers, as their names.
const spanKinds: readonly SpanKindName[] = ['internal', 'internal', 'server', 'client', 'producer', 'consumer'];
const spanKindNames: Readonly<Record<string, SpanKindName>> = {
  SPAN_KIND_UNSPECIFIED: 'internal',
  SPAN_KIND_INTERNAL: 'internal',
  SPAN_KIND_SERVER: 'server',
  SPAN_KIND_CLIENT: 'client',
  SPAN_KIND_PRODUCER: 'producer',
  SPAN_KIND_CONSUMER: 'consumer',
};
const statusCodes: readonly SpanStatusName[] = ['unset', 'ok', 'error'];
const statusCodeNames: Readonly<Record<string, SpanStatusName>> = {
  STATUS_CODE_UNSET: 'unset',
  STATUS_CODE_OK: 'ok',
  STATUS_CODE_ERROR: 'error',
};

function decodeEnum<Name>(value: unknown, byNumber: readonly Name[], byName: Readonly<Record<string, Name>>, path: string): Name | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return byNumber[value];
  if (typeof value === 'string') return byName[value] ?? (/^\d+$/.test(value) ? byNumber[Number(value)] : undefined);
  throw new OtlpDecodeError(`expected an enum as an integer or a name, got ${JSON.stringify(value)}`, { path });
}

interface SpanOrigin {
  serviceName: string;
  scope: string;
  ids: IdEncoding;
}

function decodeStatus(value: unknown, path: string): SpanRecord['status'] {
  const status = optionalObject(value, path);
  if (!status) return { code: 'unset' };
  // An unknown future code is read as unset rather than failing the whole request.
  const code = decodeEnum(status.code, statusCodes, statusCodeNames, `${path}.code`) ?? 'unset';
  const message = optionalString(status.message, `${path}.message`);
  return { code, ...(message ? { message } : {}) };
}

function decodeEvents(value: unknown, path: string): SpanRecord['events'] {
  return optionalArray(value, path).map((item, index) => {
    const eventPath = `${path}[${index}]`;
    const event = expectObject(item, eventPath);
    return {
      name: optionalString(event.name, `${eventPath}.name`),
      timeMs: unixNanosToMs(event.timeUnixNano, `${eventPath}.timeUnixNano`),
      attributes: decodeAttributes(event.attributes, `${eventPath}.attributes`),
    };
  });
}

function decodeSpan(span: PayloadObject, path: string, origin: SpanOrigin): SpanRecord {
  const parentSpanId = decodeOtlpId(span.parentSpanId, spanIdByteLength, `${path}.parentSpanId`, origin.ids);
  const startTimeMs = unixNanosToMs(span.startTimeUnixNano, `${path}.startTimeUnixNano`);
  const endTimeMs = unixNanosToMs(span.endTimeUnixNano, `${path}.endTimeUnixNano`);
  return {
    traceId: requireOtlpId(span.traceId, traceIdByteLength, `${path}.traceId`, origin.ids),
    spanId: requireOtlpId(span.spanId, spanIdByteLength, `${path}.spanId`, origin.ids),
    ...(parentSpanId ? { parentSpanId } : {}),
    name: optionalString(span.name, `${path}.name`),
    // Unspecified and unknown kinds are internal, as the spec allows receivers to assume.
    kind: decodeEnum(span.kind, spanKinds, spanKindNames, `${path}.kind`) ?? 'internal',
    startTimeMs,
    endTimeMs,
    durationMs: Math.max(0, endTimeMs - startTimeMs),
    status: decodeStatus(span.status, `${path}.status`),
    attributes: decodeAttributes(span.attributes, `${path}.attributes`),
    events: decodeEvents(span.events, `${path}.events`),
    serviceName: origin.serviceName,
    scope: origin.scope,
  };
}

function serviceNameOf(resourceSpans: PayloadObject, path: string): string {
  const resource = optionalObject(resourceSpans.resource, `${path}.resource`);
  const attributes = decodeAttributes(resource?.attributes, `${path}.resource.attributes`);
  const serviceName = attributes[GeneralAttribute.serviceName];
  return typeof serviceName === 'string' && serviceName !== '' ? serviceName : unknownServiceName;
}

/** The span records of a decoded request document; `ids` says how its trace and span ids are written. */
export function decodeTraceRequest(document: unknown, ids: IdEncoding): SpanRecord[] {
  const request = expectObject(document, 'request');
  const spans: SpanRecord[] = [];
  optionalArray(request.resourceSpans, 'resourceSpans').forEach((resourceItem, resourceIndex) => {
    const resourcePath = `resourceSpans[${resourceIndex}]`;
    const resourceSpans = expectObject(resourceItem, resourcePath);
    const serviceName = serviceNameOf(resourceSpans, resourcePath);
    optionalArray(resourceSpans.scopeSpans, `${resourcePath}.scopeSpans`).forEach((scopeItem, scopeIndex) => {
      const scopePath = `${resourcePath}.scopeSpans[${scopeIndex}]`;
      const scopeSpans = expectObject(scopeItem, scopePath);
      const scope = optionalString(optionalObject(scopeSpans.scope, `${scopePath}.scope`)?.name, `${scopePath}.scope.name`);
      optionalArray(scopeSpans.spans, `${scopePath}.spans`).forEach((spanItem, spanIndex) => {
        const spanPath = `${scopePath}.spans[${spanIndex}]`;
        spans.push(decodeSpan(expectObject(spanItem, spanPath), spanPath, { serviceName, scope, ids }));
      });
    });
  });
  return spans;
}
