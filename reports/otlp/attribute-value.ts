// The rules that turn an OTLP AnyValue, once read as plain JSON by either wire format's walker, into
// a span attribute value: scalars stay scalars; an array of one scalar type stays an array; key-value
// lists and mixed or nested arrays, which span attributes cannot hold, become JSON text. (Bytes are
// base64 text and int64 beyond 2^53 keeps its digits as text before they get here.)
import type { AttributeValue } from '@opentelemetry/api';

/** An AnyValue as plain JSON; an empty AnyValue is null. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The JSON of an AnyValue as a span attribute value; undefined for an empty AnyValue. */
export function toAttributeValue(json: JsonValue): AttributeValue | undefined {
  if (json === null) return undefined;
  if (typeof json !== 'object') return json;
  return Array.isArray(json) && isUniformScalarArray(json) ? (json as AttributeValue) : JSON.stringify(json);
}

/** True when the items other than empty ones are scalars of one type (vacuously, for none). */
function isUniformScalarArray(items: readonly JsonValue[]): boolean {
  let firstType: string | undefined;
  for (const item of items) {
    if (item === null) continue;
    const type = typeof item;
    if (type === 'object') return false;
    if (firstType === undefined) firstType = type;
    else if (type !== firstType) return false;
  }
  return true;
}
