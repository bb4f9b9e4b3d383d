// OTLP/protobuf (`application/x-protobuf`) request bodies to span records, and the (empty) response.
import type { SpanRecord } from '../../tracing/index.js';
import { OtlpDecodeError } from './errors.js';
import { decodeProtobufTraceRequest } from './protobuf-trace-request.js';
import { traceServiceTypes } from './trace-proto.js';
import type { DecodedTraceRequest } from './trace-proto.js';

export function decodeOtlpProtobuf(body: Uint8Array): SpanRecord[] {
  const { request } = traceServiceTypes();
  let message: DecodedTraceRequest;
  try {
    message = request.decode(body) as unknown as DecodedTraceRequest;
  } catch (error) {
    throw new OtlpDecodeError(`The body is not a valid protobuf ExportTraceServiceRequest: ${(error as Error).message}`, { cause: error });
  }
  return decodeProtobufTraceRequest(message);
}

/** A fully successful export: an ExportTraceServiceResponse with no partial_success, which encodes to no bytes. */
export function encodeEmptyTraceResponse(): Uint8Array {
  const { response } = traceServiceTypes();
  return response.encode(response.create({})).finish();
}
