// CSV cell conversion: the spellings a dataset author may use for lists, objects, numbers and booleans.
import { describe, expect, it } from 'vitest';
import { convertCell } from './csv-cell.js';

describe('convertCell', () => {
  it('splits lists on ";", trims items and drops empty ones, or reads a JSON array', () => {
    expect(convertCell('list', ' search_web ;; calculator; ')).toEqual({ value: ['search_web', 'calculator'] });
    expect(convertCell('list', '["a;b", "c"]')).toEqual({ value: ['a;b', 'c'] });
    expect(convertCell('list', '[oops')).toEqual({ error: expect.stringMatching(/^expected a list, as items separated by ";" or a JSON array, but the JSON is not valid \(.+\)$/) });
  });

  it('reads objects as JSON only', () => {
    expect(convertCell('object', '{"read_file": {"path": "notes.txt"}}')).toEqual({ value: { read_file: { path: 'notes.txt' } } });
    expect(convertCell('object', 'read_file=notes.txt')).toEqual({
      error: 'expected a JSON object such as {"calculator": {"expression": "17 * 23"}}, got "read_file=notes.txt"',
    });
  });

  it('reads decimal numbers and refuses anything else', () => {
    expect(convertCell('number', '4')).toEqual({ value: 4 });
    expect(convertCell('number', '0.05')).toEqual({ value: 0.05 });
    expect(convertCell('number', '-1.5e3')).toEqual({ value: -1500 });
    for (const cell of ['four', '0x10', 'Infinity', '1,000', '3 steps']) {
      expect(convertCell('number', cell)).toEqual({ error: `expected a number, got ${JSON.stringify(cell)}` });
    }
  });

  it('reads true/false, yes/no and 1/0 in any case', () => {
    for (const cell of ['true', 'YES', 'Yes', '1']) expect(convertCell('boolean', cell)).toEqual({ value: true });
    for (const cell of ['false', 'No', '0']) expect(convertCell('boolean', cell)).toEqual({ value: false });
    expect(convertCell('boolean', 'maybe')).toEqual({ error: 'expected true/yes/1 or false/no/0, got "maybe"' });
  });

  it('keeps text as it is', () => {
    expect(convertCell('text', '[not a list]')).toEqual({ value: '[not a list]' });
  });
});
