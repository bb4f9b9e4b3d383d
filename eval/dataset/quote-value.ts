// A value quoted back in a problem message: JSON-quoted, and cut short so one bad cell cannot flood the terminal.
import { QUOTED_VALUE_MAX_LENGTH } from './constants.js';

export function quoteValue(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  return text.length > QUOTED_VALUE_MAX_LENGTH ? `${text.slice(0, QUOTED_VALUE_MAX_LENGTH)}…` : text;
}
