// Reads a value out of a JSON response by a path such as `output`, `data.answer` or
// `choices[0].message.content` (a leading `$.` or `json.` is allowed, as other tools write them).

export function readResponsePath(value: unknown, responsePath: string): unknown {
  const segments = responsePath
    .replace(/^\$\.?/, '')
    .replace(/^json\./, '')
    .split(/\.|\[(\d+)\]/)
    .filter((segment) => segment !== undefined && segment !== '');
  let current: unknown = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) && /^\d+$/.test(segment) ? current[Number(segment)] : (current as Record<string, unknown>)[segment];
  }
  return current;
}
