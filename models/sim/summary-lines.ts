// How a summary of earlier work records a tool call on one line, `- <tool> <arguments JSON> → <result>`,
// so that the simulated model, reading the summary after its working memory was compressed, knows
// which calls were already made and what they returned (models/sim/README.md, "Working memory").

export interface SummarisedCall {
  name: string;
  argumentsText: string;
  result: string;
}

const arrow = ' → ';
const linePattern = /^\s*-\s+([A-Za-z0-9_.-]{1,64})\s+(\{.*)$/;

export function formatToolLine(call: SummarisedCall): string {
  return `- ${call.name} ${call.argumentsText.replace(/\s*\n\s*/g, ' ')}${arrow}${call.result.replace(/\s+/g, ' ').trim()}`;
}

/** A summary line read back as a call; undefined for any other line (or arguments that are not a JSON object). */
export function parseToolLine(line: string): SummarisedCall | undefined {
  const match = linePattern.exec(line);
  if (!match) return undefined;
  const rest = match[2]!;
  // The arguments end at the first arrow after which what came before parses as a JSON object.
  for (let at = rest.indexOf(arrow); at >= 0; at = rest.indexOf(arrow, at + 1)) {
    const argumentsText = rest.slice(0, at).trim();
    try {
      const parsed: unknown = JSON.parse(argumentsText);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        return { name: match[1]!, argumentsText, result: rest.slice(at + arrow.length).trim() };
      }
    } catch {
      // Not the end of the arguments yet: an arrow inside a string value.
    }
  }
  return undefined;
}
