// OTLP/JSON (`application/json`) request bodies to span records.
import type { SpanRecord } from '../../tracing/index.js';
import { OtlpDecodeError } from './errors.js';
import { decodeJsonTraceRequest } from './json-trace-request.js';

export function decodeOtlpJson(body: string | Uint8Array): SpanRecord[] {
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (text.trim() === '') throw new OtlpDecodeError('The body is empty; OTLP/JSON needs at least {}.');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(`The body is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return decodeJsonTraceRequest(document);
}
