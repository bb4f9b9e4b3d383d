// OTLP/JSON AnyValue and KeyValue lists to span attributes, checking the shape as it goes: values
// become plain JSON (int64 beyond 2^53 keeps its digits as a string, bytes stay base64 text) and then
// attribute values by the rules in attribute-value.ts.
import type { AttributeValue } from '@opentelemetry/api';
import { toAttributeValue } from './attribute-value.js';
import type { JsonValue } from './attribute-value.js';
import { OtlpDecodeError } from './errors.js';
import type { PathKey, PayloadPath } from './payload-path.js';
import { expectObject, optionalArray, optionalString } from './payload-shape.js';
import type { PayloadObject } from './payload-shape.js';

const integerPattern = /^-?\d+$/;

function decodeInteger(value: unknown, path: PayloadPath, key: PathKey): number | string {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && integerPattern.test(value)) {
    const number = Number(value);
    // int64 beyond 2^53 keeps its exact digits rather than being rounded.
    return Number.isSafeInteger(number) ? number : value;
  }
  throw new OtlpDecodeError(`expected an integer or a decimal string, got ${JSON.stringify(value)}`, { path: path.format(key) });
}

function decodeDouble(value: unknown, path: PayloadPath, key: PathKey): number {
  if (typeof value === 'number') return value;
  // The protobuf JSON mapping writes the non-finite doubles as strings.
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new OtlpDecodeError(`expected a number, got ${JSON.stringify(value)}`, { path: path.format(key) });
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The AnyValue at `path` (already known to be an object) as JSON; the first member set wins, in the order below. */
function readAnyValue(anyValue: PayloadObject, path: PayloadPath): JsonValue {
  if (isPresent(anyValue.stringValue)) return optionalString(anyValue.stringValue, path, 'stringValue');
  if (isPresent(anyValue.boolValue)) {
    if (typeof anyValue.boolValue !== 'boolean') throw new OtlpDecodeError(`expected a boolean, got ${JSON.stringify(anyValue.boolValue)}`, { path: path.format('boolValue') });
    return anyValue.boolValue;
  }
  if (isPresent(anyValue.intValue)) return decodeInteger(anyValue.intValue, path, 'intValue');
  if (isPresent(anyValue.doubleValue)) return decodeDouble(anyValue.doubleValue, path, 'doubleValue');
  if (isPresent(anyValue.bytesValue)) return optionalString(anyValue.bytesValue, path, 'bytesValue');
  if (isPresent(anyValue.arrayValue)) {
    const arrayValue = expectObject(anyValue.arrayValue, path, 'arrayValue');
    path.enter('arrayValue');
    const values = optionalArray(arrayValue.values, path, 'values');
    const result: JsonValue[] = [];
    path.enter('values');
    for (let index = 0; index < values.length; index++) result.push(anyValueToJson(values[index], path, index));
    path.leave();
    path.leave();
    return result;
  }
  if (isPresent(anyValue.kvlistValue)) {
    const kvlistValue = expectObject(anyValue.kvlistValue, path, 'kvlistValue');
    path.enter('kvlistValue');
    const entries = optionalArray(kvlistValue.values, path, 'values');
    const result: { [key: string]: JsonValue } = {};
    path.enter('values');
    for (let index = 0; index < entries.length; index++) {
      const keyValue = expectObject(entries[index], path, index);
      path.enter(index);
      result[optionalString(keyValue.key, path, 'key')] = isPresent(keyValue.value) ? anyValueToJson(keyValue.value, path, 'value') : null;
      path.leave();
    }
    path.leave();
    path.leave();
    return result;
  }
  return null;
}

/** The AnyValue at `key` of `path` as plain JSON; an empty AnyValue is null. */
export function anyValueToJson(value: unknown, path: PayloadPath, key: PathKey): JsonValue {
  const anyValue = expectObject(value, path, key);
  path.enter(key);
  const json = readAnyValue(anyValue, path);
  path.leave();
  return json;
}

/** A repeated KeyValue at `key` of `path` as an attribute record; empty values are left out, and a repeated key keeps its last value. */
export function decodeAttributes(value: unknown, path: PayloadPath, key: PathKey): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  const entries = optionalArray(value, path, key);
  path.enter(key);
  for (let index = 0; index < entries.length; index++) {
    const keyValue = expectObject(entries[index], path, index);
    path.enter(index);
    const name = optionalString(keyValue.key, path, 'key');
    if (name === '') throw new OtlpDecodeError('an attribute needs a key', { path: path.format('key') });
    if (isPresent(keyValue.value)) {
      const attribute = toAttributeValue(anyValueToJson(keyValue.value, path, 'value'));
      if (attribute !== undefined) attributes[name] = attribute;
    }
    path.leave();
  }
  path.leave();
  return attributes;
}
