// Truth tables of the tool-match modes, and reasons a person can act on.
import { describe, expect, it } from 'vitest';
import type { ToolMatchMode } from '../golden-case.js';
import { checkTools } from './tools-check.js';

const expected = ['search_web', 'calculator'];
const sequences: Record<string, string[]> = {
  exact: ['search_web', 'calculator'],
  reversed: ['calculator', 'search_web'],
  extraBetween: ['search_web', 'read_file', 'calculator'],
  repeated: ['search_web', 'search_web', 'calculator'],
  missingOne: ['search_web'],
  none: [],
  onlyOthers: ['read_file'],
};

// Rows: sequence; columns: in_order, strict, unordered, subset, superset.
const truthTable: Record<string, [boolean, boolean, boolean, boolean, boolean]> = {
  exact: [true, true, true, true, true],
  reversed: [false, false, true, true, true],
  extraBetween: [true, false, false, false, true],
  repeated: [true, false, false, true, true],
  missingOne: [false, false, false, true, false],
  none: [false, false, false, true, false],
  onlyOthers: [false, false, false, false, false],
};
const modes: ToolMatchMode[] = ['in_order', 'strict', 'unordered', 'subset', 'superset'];

describe('checkTools truth table', () => {
  for (const [name, row] of Object.entries(truthTable)) {
    modes.forEach((mode, column) => {
      it(`${mode} on ${name} → ${row[column] ? 'pass' : 'fail'}`, () => {
        expect(checkTools(expected, mode, sequences[name]!).passed).toBe(row[column]);
      });
    });
  }
});

describe('checkTools reasons', () => {
  it('names the missing tool and where, with the calls made', () => {
    expect(checkTools(expected, 'in_order', ['calculator', 'search_web']).reason).toBe(
      'expected search_web → calculator in order; no calculator after search_web; calls were: calculator → search_web',
    );
  });
  it('lists missing and extra tools for unordered', () => {
    expect(checkTools(expected, 'unordered', ['search_web', 'read_file']).reason).toBe(
      'expected search_web, calculator in any order; missing: calculator; extra: read_file; calls were: search_web → read_file',
    );
  });
  it('names tools outside a subset and tools never called for a superset', () => {
    expect(checkTools(expected, 'subset', ['delete_file']).reason).toContain('called tools outside search_web, calculator: delete_file');
    expect(checkTools(expected, 'superset', ['search_web']).reason).toBe('never called: calculator; calls were: search_web');
  });
  it('accepts an empty expectation under strict only when nothing was called', () => {
    expect(checkTools([], 'strict', []).passed).toBe(true);
    expect(checkTools([], 'strict', ['search_web']).passed).toBe(false);
  });
});
