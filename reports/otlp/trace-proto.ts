// The OTLP trace service messages, loaded with protobufjs from the vendored opentelemetry-proto
// files in proto/ on first use and kept for the life of the process, and the shape of a request as
// protobufjs decodes it, as far as the receiver reads it.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import type { Type } from 'protobufjs';
import { exportTraceServiceRequestName, exportTraceServiceResponseName, traceServiceProtoFile } from './constants.js';

export interface TraceServiceTypes {
  request: Type;
  response: Type;
}

const protoFolder = fileURLToPath(new URL('./proto/', import.meta.url));
let loaded: TraceServiceTypes | undefined;

export function traceServiceTypes(): TraceServiceTypes {
  if (loaded) return loaded;
  const root = new protobuf.Root();
  // The files import each other by their path in opentelemetry-proto, which is their path under proto/.
  root.resolvePath = (_origin, target) => join(protoFolder, target);
  root.loadSync(traceServiceProtoFile);
  root.resolveAll();
  loaded = { request: root.lookupType(exportTraceServiceRequestName), response: root.lookupType(exportTraceServiceResponseName) };
  return loaded;
}

// A decoded message has own properties for the fields its bytes carried; the others read as proto3
// defaults from its prototype: '' and 0 for scalars, an empty list for bytes and repeated fields,
// null for messages. Only AnyValue's oneof needs an own-property check to tell a member set to its
// default ('', false, 0) from an unset one.

/** An int64 or fixed64: a `Long` (two signed 32-bit halves) when protobufjs finds the long package, else a number. */
export type DecodedLong = { low: number; high: number; toString(): string } | number;

export interface DecodedAnyValue {
  stringValue: string;
  boolValue: boolean;
  intValue: DecodedLong;
  doubleValue: number;
  bytesValue: Uint8Array;
  arrayValue: { values: DecodedAnyValue[] } | null;
  kvlistValue: { values: DecodedKeyValue[] } | null;
}

export interface DecodedKeyValue {
  key: string;
  value: DecodedAnyValue | null;
}

export interface DecodedEvent {
  timeUnixNano: DecodedLong;
  name: string;
  attributes: DecodedKeyValue[];
}

export interface DecodedSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  parentSpanId: Uint8Array;
  name: string;
  kind: number;
  startTimeUnixNano: DecodedLong;
  endTimeUnixNano: DecodedLong;
  attributes: DecodedKeyValue[];
  events: DecodedEvent[];
  status: { code: number; message: string } | null;
}

export interface DecodedTraceRequest {
  resourceSpans: Array<{
    resource: { attributes: DecodedKeyValue[] } | null;
    scopeSpans: Array<{ scope: { name: string } | null; spans: DecodedSpan[] }>;
  }>;
}

/** A bytes field as a Buffer: protobufjs gives Buffer slices when it decodes a Buffer, Uint8Arrays otherwise. */
export function bytesAsBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
