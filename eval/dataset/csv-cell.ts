// Turns the text of one non-empty CSV cell into the value its field expects: a list, a JSON object, a number or a boolean.
import type { CellKind } from './case-fields.js';
import { FALSE_WORDS, LIST_SEPARATOR, TRUE_WORDS } from './constants.js';
import { quoteValue } from './quote-value.js';

export type CellConversion = { value: unknown } | { error: string };

const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export function convertCell(kind: CellKind, cell: string): CellConversion {
  switch (kind) {
    case 'text':
      return { value: cell };
    case 'list':
      return convertList(cell);
    case 'object':
      return convertObject(cell);
    case 'number':
      return numberPattern.test(cell) ? { value: Number(cell) } : { error: `expected a number, got ${quoteValue(cell)}` };
    case 'boolean':
      return convertBoolean(cell);
  }
}

function convertList(cell: string): CellConversion {
  if (!cell.startsWith('[')) {
    const items = cell.split(LIST_SEPARATOR).map((item) => item.trim()).filter((item) => item !== '');
    return { value: items };
  }
  const parsed = parseJson(cell);
  if ('error' in parsed) {
    return { error: `expected a list, as items separated by "${LIST_SEPARATOR}" or a JSON array, but the JSON is not valid (${parsed.error})` };
  }
  return parsed;
}

function convertObject(cell: string): CellConversion {
  const example = '{"calculator": {"expression": "17 * 23"}}';
  if (!cell.startsWith('{')) return { error: `expected a JSON object such as ${example}, got ${quoteValue(cell)}` };
  const parsed = parseJson(cell);
  return 'error' in parsed ? { error: `expected a JSON object, but the JSON is not valid (${parsed.error})` } : parsed;
}

function convertBoolean(cell: string): CellConversion {
  const word = cell.toLowerCase();
  if (TRUE_WORDS.includes(word)) return { value: true };
  if (FALSE_WORDS.includes(word)) return { value: false };
  return { error: `expected ${TRUE_WORDS.join('/')} or ${FALSE_WORDS.join('/')}, got ${quoteValue(cell)}` };
}

function parseJson(text: string): CellConversion {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
