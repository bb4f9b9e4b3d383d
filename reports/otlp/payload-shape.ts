// Shape checks for a decoded OTLP document: each returns the value with its type narrowed or throws
// an OtlpDecodeError naming the field, so a malformed payload says where it went wrong.
import { OtlpDecodeError } from './errors.js';

export type PayloadObject = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

export function expectObject(value: unknown, path: string): PayloadObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new OtlpDecodeError(`expected an object, got ${describe(value)}`, { path });
  return value as PayloadObject;
}

/** An object, or undefined when the field is absent (proto3: an unset message). */
export function optionalObject(value: unknown, path: string): PayloadObject | undefined {
  return value === undefined || value === null ? undefined : expectObject(value, path);
}

/** A repeated field: absent means empty. */
export function optionalArray(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(`expected an array, got ${describe(value)}`, { path });
  return value;
}

/** A string field: absent means empty. */
export function optionalString(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new OtlpDecodeError(`expected a string, got ${describe(value)}`, { path });
  return value;
}
