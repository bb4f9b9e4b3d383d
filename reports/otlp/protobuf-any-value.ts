// OTLP/protobuf AnyValue and KeyValue messages, as protobufjs decodes them, to span attributes, read
// directly rather than through a JSON rendering: values become plain JSON (int64 beyond 2^53 keeps
// its digits as a string, bytes become base64 text) and then attribute values by the rules in
// attribute-value.ts, so both wire formats give the same attributes.
import type { AttributeValue } from '@opentelemetry/api';
import { toAttributeValue } from './attribute-value.js';
import type { JsonValue } from './attribute-value.js';
import { OtlpDecodeError } from './errors.js';
import type { PathKey, PayloadPath } from './payload-path.js';
import { bytesAsBuffer } from './trace-proto.js';
import type { DecodedAnyValue, DecodedKeyValue, DecodedLong } from './trace-proto.js';

const twoToThe32 = 4_294_967_296;
const hasOwnProperty = Object.prototype.hasOwnProperty;

function isSet(anyValue: DecodedAnyValue, member: keyof DecodedAnyValue): boolean {
  return hasOwnProperty.call(anyValue, member);
}

function int64ToJson(value: DecodedLong): number | string {
  // int64 beyond 2^53 keeps its exact digits rather than being rounded.
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : String(value);
  // Exact whenever the result is a safe integer; beyond, it rounds to an unsafe one.
  const number = value.high * twoToThe32 + (value.low >>> 0);
  return Number.isSafeInteger(number) ? number : value.toString();
}

/** An AnyValue message as plain JSON; an empty AnyValue is null. Of two members set, the first below wins, as for OTLP/JSON. */
export function anyValueToJson(anyValue: DecodedAnyValue): JsonValue {
  if (isSet(anyValue, 'stringValue')) return anyValue.stringValue;
  if (isSet(anyValue, 'boolValue')) return anyValue.boolValue;
  if (isSet(anyValue, 'intValue')) return int64ToJson(anyValue.intValue);
  if (isSet(anyValue, 'doubleValue')) return anyValue.doubleValue;
  if (isSet(anyValue, 'bytesValue')) return bytesAsBuffer(anyValue.bytesValue).toString('base64');
  if (anyValue.arrayValue) return anyValue.arrayValue.values.map(anyValueToJson);
  if (anyValue.kvlistValue) {
    const result: { [key: string]: JsonValue } = {};
    for (const { key, value } of anyValue.kvlistValue.values) result[key] = value ? anyValueToJson(value) : null;
    return result;
  }
  return null;
}

/**
 * The repeated KeyValue at `key` of `path` as an attribute record; empty values are left out, and a
 * repeated key keeps its last value. An empty key is the one thing protobuf can get wrong here.
 */
export function decodeAttributes(keyValues: readonly DecodedKeyValue[], path: PayloadPath, key: PathKey): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (let index = 0; index < keyValues.length; index++) {
    const keyValue = keyValues[index]!;
    if (keyValue.key === '') throw new OtlpDecodeError('an attribute needs a key', { path: path.format(key, index, 'key') });
    if (!keyValue.value) continue;
    const attribute = toAttributeValue(anyValueToJson(keyValue.value));
    if (attribute !== undefined) attributes[keyValue.key] = attribute;
  }
  return attributes;
}
