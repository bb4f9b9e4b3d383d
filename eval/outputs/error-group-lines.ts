// The errors of a run as lines a person reads, shared by the terminal and Markdown: one line per
// kind (code and message) with its count, most frequent first, each message on one line and capped.
import type { ErrorGroup } from '../statistics/index.js';
import { REASON_MAX_LENGTH } from './constants.js';
import { truncateText } from './truncate-text.js';

/** `2 × model_call_failed: … connection refused: http://127.0.0.1:9/v1/chat/completions`, then `… N more kinds`. */
export function errorGroupLines(groups: readonly ErrorGroup[], shown: number): string[] {
  const lines = groups.slice(0, shown).map((group) => `${group.count} × ${group.code}: ${truncateText(group.message.replace(/\s+/g, ' ').trim(), REASON_MAX_LENGTH)}`);
  if (groups.length > shown) lines.push(`… ${groups.length - shown} more kinds`);
  return lines;
}

/** `Errors: 2 of 24 results (8.3%), 1 kind`. */
export function errorsHeading(errors: number, results: number, kinds: number): string {
  const share = results > 0 ? ` (${((errors / results) * 100).toFixed(1)}%)` : '';
  return `${errors} of ${results} results${share}, ${kinds} ${kinds === 1 ? 'kind' : 'kinds'}`;
}
