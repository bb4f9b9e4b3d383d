// JSON with object keys sorted at every depth: the same value always gives the same text, whatever
// order its fields were written in. Keys and digests hash this text.
import { createHash } from 'node:crypto';

export function sortedValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedValue);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) sorted[key] = sortedValue(field);
  }
  return sorted;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedValue(value));
}

export function shortHash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
