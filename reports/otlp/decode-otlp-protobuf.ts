// OTLP/protobuf (`application/x-protobuf`) request bodies to span records, and the (empty) response.
import type { SpanRecord } from '../../tracing/index.js';
import { decodeTraceRequest } from './decode-trace-request.js';
import { OtlpDecodeError } from './errors.js';
import { traceServiceTypes } from './trace-proto.js';

// Rendered into the OTLP/JSON shape: 64-bit integers as decimal strings, enums as numbers and
// bytes (ids, bytesValue) as base64, so one decoder reads both formats.
const conversion = { longs: String, enums: Number, bytes: String, defaults: false, arrays: false } as const;

export function decodeOtlpProtobuf(body: Uint8Array): SpanRecord[] {
  const { request } = traceServiceTypes();
  let document: Record<string, unknown>;
  try {
    document = request.toObject(request.decode(body), conversion);
  } catch (error) {
    throw new OtlpDecodeError(`The body is not a valid protobuf ExportTraceServiceRequest: ${(error as Error).message}`, { cause: error });
  }
  return decodeTraceRequest(document, 'base64');
}

/** A fully successful export: an ExportTraceServiceResponse with no partial_success, which encodes to no bytes. */
export function encodeEmptyTraceResponse(): Uint8Array {
  const { response } = traceServiceTypes();
  return response.encode(response.create({})).finish();
}
