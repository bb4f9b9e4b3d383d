// Whether a tool result says the call failed, from its text alone: it starts with "Error", or it is
// a JSON object with an `error` field. agentlab's own tools write failures so; the simulator reads
// results this way to decide what is done, and the recording proxy to mark a user's agent's calls.

export function isFailedToolResult(text: string): boolean {
  const trimmed = text.trimStart();
  if (/^error\b/i.test(trimmed)) return true;
  if (!trimmed.startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value !== null && typeof value === 'object' && !Array.isArray(value) && (value as Record<string, unknown>).error !== undefined && (value as Record<string, unknown>).error !== null;
  } catch {
    return false;
  }
}
