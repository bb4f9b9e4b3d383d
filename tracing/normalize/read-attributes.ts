// Reading attribute values that may be missing, of the wrong type or absurd: each reader returns
// undefined rather than a value it cannot trust, so one bad span never breaks a page or a total.
import type { AttributeValue } from '@opentelemetry/api';

export type Attributes = Readonly<Record<string, AttributeValue>>;

/** A non-empty string; numbers are written out (ids and names sometimes arrive as numbers). */
export function textOf(value: AttributeValue | undefined): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A count or an amount: a finite number, zero or more. A string is not read as a number. */
export function amountOf(value: AttributeValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Any value as text: strings as they are, everything else as JSON. */
export function contentOf(value: AttributeValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A result some stacks write JSON-encoded (the Vercel AI SDK, Traceloop): a JSON string literal is
 * its text (`"\"391\""` → `391`); anything else is kept as written.
 */
export function resultTextOf(value: AttributeValue | undefined): string | undefined {
  const text = contentOf(value);
  if (text === undefined || !text.startsWith('"')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' ? parsed : text;
  } catch {
    return text;
  }
}

/** A list of strings from a string array or a single string. */
export function textListOf(value: AttributeValue | undefined): string[] | undefined {
  if (typeof value === 'string') return value === '' ? undefined : [value];
  if (!Array.isArray(value)) return undefined;
  const texts = value.filter((item): item is string => typeof item === 'string' && item !== '');
  return texts.length > 0 ? texts : undefined;
}

/** The first of the named attributes that reads as a value. */
export function firstOf<T>(attributes: Attributes, names: readonly string[], read: (value: AttributeValue | undefined) => T | undefined): T | undefined {
  for (const name of names) {
    const value = read(attributes[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Drops undefined fields, so views compare and serialise cleanly. */
export function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
