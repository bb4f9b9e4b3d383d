// Shape checks for a parsed OTLP/JSON document: each returns the value with its type narrowed or
// throws an OtlpDecodeError naming the field (`key` of the location `path`), so a malformed payload
// says where it went wrong.
import { OtlpDecodeError } from './errors.js';
import type { PathKey, PayloadPath } from './payload-path.js';

export type PayloadObject = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

export function expectObject(value: unknown, path: PayloadPath, key: PathKey): PayloadObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new OtlpDecodeError(`expected an object, got ${describe(value)}`, { path: path.format(key) });
  return value as PayloadObject;
}

/** An object, or undefined when the field is absent (proto3: an unset message). */
export function optionalObject(value: unknown, path: PayloadPath, key: PathKey): PayloadObject | undefined {
  return value === undefined || value === null ? undefined : expectObject(value, path, key);
}

const noItems: readonly unknown[] = [];

/** A repeated field: absent means empty. */
export function optionalArray(value: unknown, path: PayloadPath, key: PathKey): readonly unknown[] {
  if (value === undefined || value === null) return noItems;
  if (!Array.isArray(value)) throw new OtlpDecodeError(`expected an array, got ${describe(value)}`, { path: path.format(key) });
  return value;
}

/** A string field: absent means empty. */
export function optionalString(value: unknown, path: PayloadPath, key: PathKey): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  throw new OtlpDecodeError(`expected a string, got ${describe(value)}`, { path: path.format(key) });
}
