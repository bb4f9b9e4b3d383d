// Tool arguments compared as values, not as text: the same call reaches the trajectory from the
// model's reply, an agent's span and its own records, each free to order keys and space JSON its
// own way. Text that is not JSON is compared as written, trimmed.

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortedKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/** One text per value: JSON with object keys sorted at every depth; non-JSON text trimmed. */
export function canonicalArguments(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    return JSON.stringify(sortedKeys(JSON.parse(trimmed)));
  } catch {
    return trimmed;
  }
}
