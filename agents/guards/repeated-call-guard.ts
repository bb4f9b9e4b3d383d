// Detects a tool called again with the same arguments within a short window: the first time the
// agent is told to change course, a second time ends the run.
import { repeatWindow } from '../constants.js';

export type RepeatVerdict = 'new' | 'warn' | 'stop';

/** Arguments compared as parsed JSON with sorted keys, so whitespace and key order do not matter. */
function canonicalArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([left], [right]) => left.localeCompare(right)))
        : value,
    );
  } catch {
    return text.trim();
  }
}

export class RepeatedCallGuard {
  private readonly recent: string[] = [];
  private warned = false;

  constructor(private readonly window = repeatWindow) {}

  check(tool: string, argumentsText: string): RepeatVerdict {
    const key = `${tool}\u0000${canonicalArguments(argumentsText)}`;
    const repeated = this.recent.includes(key);
    this.recent.push(key);
    if (this.recent.length > this.window) this.recent.shift();
    if (!repeated) return 'new';
    if (this.warned) return 'stop';
    this.warned = true;
    return 'warn';
  }
}

export function repeatedCallMessage(tool: string): string {
  return `Error: repeated call: you already called ${tool} with these arguments and its result is above. Change course: use what you have, try a different tool or different arguments, or give your final answer. Repeating it again ends the run.`;
}
