// A parsed OTLP/JSON ExportTraceServiceRequest (resourceSpans → scopeSpans → spans) to span records.
// Any malformed part rejects the whole request, with the path of the first bad field.
import type { AttributeValue } from '@opentelemetry/api';
import type { SpanRecord } from '../../tracing/index.js';
import { spanIdByteLength, traceIdByteLength } from './constants.js';
import { OtlpDecodeError } from './errors.js';
import { decodeAttributes } from './json-any-value.js';
import { decodeOtlpId, requireOtlpId } from './otlp-id.js';
import { PayloadPath } from './payload-path.js';
import type { PathKey } from './payload-path.js';
import { expectObject, optionalArray, optionalObject, optionalString } from './payload-shape.js';
import type { PayloadObject } from './payload-shape.js';
import { serviceNameOf } from './span-origin.js';
import type { SpanOrigin } from './span-origin.js';
import { fallbackSpanKind, fallbackStatusCode, spanKindsByName, spanKindsByNumber, spanStatus, statusCodesByName, statusCodesByNumber } from './span-enums.js';
import { unixNanosToMs } from './unix-nanos.js';

const digitsPattern = /^\d+$/;

/** Enums arrive as integers or, from generic protobuf JSON writers, as their names; an unknown one is undefined. */
function decodeEnum<Name>(value: unknown, byNumber: readonly Name[], byName: Readonly<Record<string, Name>>, path: PayloadPath, key: PathKey): Name | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return byNumber[value];
  if (typeof value === 'string') return byName[value] ?? (digitsPattern.test(value) ? byNumber[Number(value)] : undefined);
  throw new OtlpDecodeError(`expected an enum as an integer or a name, got ${JSON.stringify(value)}`, { path: path.format(key) });
}

function decodeStatus(value: unknown, path: PayloadPath, key: PathKey): SpanRecord['status'] {
  const status = optionalObject(value, path, key);
  if (!status) return { code: fallbackStatusCode };
  path.enter(key);
  const code = decodeEnum(status.code, statusCodesByNumber, statusCodesByName, path, 'code') ?? fallbackStatusCode;
  const message = optionalString(status.message, path, 'message');
  path.leave();
  return spanStatus(code, message);
}

function decodeEvents(value: unknown, path: PayloadPath, key: PathKey): SpanRecord['events'] {
  const items = optionalArray(value, path, key);
  const events: SpanRecord['events'] = [];
  path.enter(key);
  for (let index = 0; index < items.length; index++) {
    const event = expectObject(items[index], path, index);
    path.enter(index);
    events.push({
      name: optionalString(event.name, path, 'name'),
      timeMs: unixNanosToMs(event.timeUnixNano, path, 'timeUnixNano'),
      attributes: decodeAttributes(event.attributes, path, 'attributes'),
    });
    path.leave();
  }
  path.leave();
  return events;
}

/** The span at `path`; its fields are read in the order the first bad one is reported. */
function decodeSpan(span: PayloadObject, path: PayloadPath, origin: SpanOrigin): SpanRecord {
  const parentSpanId = decodeOtlpId(span.parentSpanId, spanIdByteLength, path, 'parentSpanId');
  const startTimeMs = unixNanosToMs(span.startTimeUnixNano, path, 'startTimeUnixNano');
  const endTimeMs = unixNanosToMs(span.endTimeUnixNano, path, 'endTimeUnixNano');
  const traceId = requireOtlpId(span.traceId, traceIdByteLength, path, 'traceId');
  const spanId = requireOtlpId(span.spanId, spanIdByteLength, path, 'spanId');
  const name = optionalString(span.name, path, 'name');
  const kind = decodeEnum(span.kind, spanKindsByNumber, spanKindsByName, path, 'kind') ?? fallbackSpanKind;
  const status = decodeStatus(span.status, path, 'status');
  const attributes = decodeAttributes(span.attributes, path, 'attributes');
  const events = decodeEvents(span.events, path, 'events');
  const durationMs = Math.max(0, endTimeMs - startTimeMs);
  const { serviceName, scope } = origin;
  return parentSpanId === undefined
    ? { traceId, spanId, name, kind, startTimeMs, endTimeMs, durationMs, status, attributes, events, serviceName, scope }
    : { traceId, spanId, parentSpanId, name, kind, startTimeMs, endTimeMs, durationMs, status, attributes, events, serviceName, scope };
}

function resourceAttributesOf(resourceSpans: PayloadObject, path: PayloadPath): Record<string, AttributeValue> {
  const resource = optionalObject(resourceSpans.resource, path, 'resource');
  path.enter('resource');
  const attributes = decodeAttributes(resource?.attributes, path, 'attributes');
  path.leave();
  return attributes;
}

function scopeNameOf(scopeSpans: PayloadObject, path: PayloadPath): string {
  const scope = optionalObject(scopeSpans.scope, path, 'scope');
  path.enter('scope');
  const name = optionalString(scope?.name, path, 'name');
  path.leave();
  return name;
}

/** The span records of a parsed OTLP/JSON request document. */
export function decodeJsonTraceRequest(document: unknown): SpanRecord[] {
  const path = new PayloadPath();
  const request = expectObject(document, path, 'request');
  const spans: SpanRecord[] = [];
  const resourceSpansList = optionalArray(request.resourceSpans, path, 'resourceSpans');
  path.enter('resourceSpans');
  for (let resourceIndex = 0; resourceIndex < resourceSpansList.length; resourceIndex++) {
    const resourceSpans = expectObject(resourceSpansList[resourceIndex], path, resourceIndex);
    path.enter(resourceIndex);
    const serviceName = serviceNameOf(resourceAttributesOf(resourceSpans, path));
    const scopeSpansList = optionalArray(resourceSpans.scopeSpans, path, 'scopeSpans');
    path.enter('scopeSpans');
    for (let scopeIndex = 0; scopeIndex < scopeSpansList.length; scopeIndex++) {
      const scopeSpans = expectObject(scopeSpansList[scopeIndex], path, scopeIndex);
      path.enter(scopeIndex);
      const origin: SpanOrigin = { serviceName, scope: scopeNameOf(scopeSpans, path) };
      const spanList = optionalArray(scopeSpans.spans, path, 'spans');
      path.enter('spans');
      for (let spanIndex = 0; spanIndex < spanList.length; spanIndex++) {
        const span = expectObject(spanList[spanIndex], path, spanIndex);
        path.enter(spanIndex);
        spans.push(decodeSpan(span, path, origin));
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
