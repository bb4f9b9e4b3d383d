// OTLP's SpanKind and Status.StatusCode enums as the names span records use, read the same way from
// both wire formats: protobuf gives the integers, OTLP/JSON the integers or (from generic protobuf
// JSON writers) the enum value names.
import type { SpanKindName, SpanRecord, SpanStatusName } from '../../tracing/index.js';

export const spanKindsByNumber: readonly SpanKindName[] = ['internal', 'internal', 'server', 'client', 'producer', 'consumer'];
export const spanKindsByName: Readonly<Record<string, SpanKindName>> = {
  SPAN_KIND_UNSPECIFIED: 'internal',
  SPAN_KIND_INTERNAL: 'internal',
  SPAN_KIND_SERVER: 'server',
  SPAN_KIND_CLIENT: 'client',
  SPAN_KIND_PRODUCER: 'producer',
  SPAN_KIND_CONSUMER: 'consumer',
};
/** Unspecified and unknown kinds are internal, as the spec allows receivers to assume. */
export const fallbackSpanKind: SpanKindName = 'internal';

export const statusCodesByNumber: readonly SpanStatusName[] = ['unset', 'ok', 'error'];
export const statusCodesByName: Readonly<Record<string, SpanStatusName>> = {
  STATUS_CODE_UNSET: 'unset',
  STATUS_CODE_OK: 'ok',
  STATUS_CODE_ERROR: 'error',
};
/** An unknown future code is read as unset rather than failing the whole request. */
export const fallbackStatusCode: SpanStatusName = 'unset';

/** A span status record; an empty message is left out. */
export function spanStatus(code: SpanStatusName, message: string): SpanRecord['status'] {
  return message ? { code, message } : { code };
}
