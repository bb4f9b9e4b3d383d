// OTLP AnyValue and KeyValue lists to span attributes. Scalars stay scalars; a homogeneous array of
// scalars stays an array; key-value lists and mixed or nested arrays, which span attributes cannot
// hold, become JSON text; bytes stay base64 text. Values reach here in the OTLP/JSON shape (the
// protobuf decoder renders its messages into the same shape).
import type { AttributeValue } from '@opentelemetry/api';
import { OtlpDecodeError } from './errors.js';
import { expectObject, optionalArray, optionalString } from './payload-shape.js';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type Scalar = string | number | boolean;

const integerPattern = /^-?\d+$/;

function decodeInteger(value: unknown, path: string): number | string {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && integerPattern.test(value)) {
    const number = Number(value);
    // int64 beyond 2^53 keeps its exact digits rather than being rounded.
    return Number.isSafeInteger(number) ? number : value;
  }
  throw new OtlpDecodeError(`expected an integer or a decimal string, got ${JSON.stringify(value)}`, { path });
}

function decodeDouble(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  // The protobuf JSON mapping writes the non-finite doubles as strings.
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new OtlpDecodeError(`expected a number, got ${JSON.stringify(value)}`, { path });
}

/** An AnyValue as plain JSON; an empty AnyValue is null. */
export function anyValueToJson(value: unknown, path: string): JsonValue {
  const anyValue = expectObject(value, path);
  if (anyValue.stringValue !== undefined && anyValue.stringValue !== null) return optionalString(anyValue.stringValue, `${path}.stringValue`);
  if (anyValue.boolValue !== undefined && anyValue.boolValue !== null) {
    if (typeof anyValue.boolValue !== 'boolean') throw new OtlpDecodeError(`expected a boolean, got ${JSON.stringify(anyValue.boolValue)}`, { path: `${path}.boolValue` });
    return anyValue.boolValue;
  }
  if (anyValue.intValue !== undefined && anyValue.intValue !== null) return decodeInteger(anyValue.intValue, `${path}.intValue`);
  if (anyValue.doubleValue !== undefined && anyValue.doubleValue !== null) return decodeDouble(anyValue.doubleValue, `${path}.doubleValue`);
  if (anyValue.bytesValue !== undefined && anyValue.bytesValue !== null) return optionalString(anyValue.bytesValue, `${path}.bytesValue`);
  if (anyValue.arrayValue !== undefined && anyValue.arrayValue !== null) {
    const values = optionalArray(expectObject(anyValue.arrayValue, `${path}.arrayValue`).values, `${path}.arrayValue.values`);
    return values.map((item, index) => anyValueToJson(item, `${path}.arrayValue.values[${index}]`));
  }
  if (anyValue.kvlistValue !== undefined && anyValue.kvlistValue !== null) {
    const entries = optionalArray(expectObject(anyValue.kvlistValue, `${path}.kvlistValue`).values, `${path}.kvlistValue.values`);
    const result: { [key: string]: JsonValue } = {};
    entries.forEach((entry, index) => {
      const entryPath = `${path}.kvlistValue.values[${index}]`;
      const keyValue = expectObject(entry, entryPath);
      result[optionalString(keyValue.key, `${entryPath}.key`)] = keyValue.value === undefined || keyValue.value === null ? null : anyValueToJson(keyValue.value, `${entryPath}.value`);
    });
    return result;
  }
  return null;
}

function isScalar(value: JsonValue): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The JSON of an AnyValue as a span attribute value; undefined for an empty AnyValue. */
function toAttributeValue(json: JsonValue): AttributeValue | undefined {
  if (json === null) return undefined;
  if (isScalar(json)) return json;
  if (Array.isArray(json)) {
    const present = json.filter((item) => item !== null);
    const firstType = present.length > 0 ? typeof present[0] : 'string';
    if (present.every((item) => isScalar(item) && typeof item === firstType)) return json as AttributeValue;
  }
  return JSON.stringify(json);
}

/** A repeated KeyValue as an attribute record; empty values are left out, and a repeated key keeps its last value. */
export function decodeAttributes(value: unknown, path: string): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  optionalArray(value, path).forEach((entry, index) => {
    const entryPath = `${path}[${index}]`;
    const keyValue = expectObject(entry, entryPath);
    const key = optionalString(keyValue.key, `${entryPath}.key`);
    if (key === '') throw new OtlpDecodeError('an attribute needs a key', { path: `${entryPath}.key` });
    if (keyValue.value === undefined || keyValue.value === null) return;
    const attribute = toAttributeValue(anyValueToJson(keyValue.value, `${entryPath}.value`));
    if (attribute !== undefined) attributes[key] = attribute;
  });
  return attributes;
}
