// Whether a tool result an agent sent back says the call failed. The proxy sees only the text, so it
// reads it as agentlab's own tools write failures and as the simulator reads them: text that starts
// with "Error", or a JSON object with an `error` field. Agents that report failures otherwise can
// say so with a tool span's error status or context.tool.

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
