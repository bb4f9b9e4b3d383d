// The truth table of the tool-match modes, one test per row, and the table in eval/README.md is this
// one; then reasons a person can act on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toolMatchModes } from '../golden-case.js';
import { checkTools } from './tools-check.js';

type Row = { expected: string[]; actual: string[]; passes: Record<(typeof toolMatchModes)[number], boolean> };

// Columns in the order of toolMatchModes: in_order, strict, unordered, subset, superset.
const row = (expected: string[], actual: string[], verdicts: [boolean, boolean, boolean, boolean, boolean]): Row => ({
  expected,
  actual,
  passes: Object.fromEntries(toolMatchModes.map((mode, column) => [mode, verdicts[column]])) as Row['passes'],
});

const truthTable: Row[] = [
  row(['A', 'B'], ['A', 'B'], [true, true, true, true, true]),
  row(['A', 'B'], ['B', 'A'], [false, false, true, true, true]),
  row(['A', 'B'], ['A', 'C', 'B'], [true, false, false, false, true]),
  row(['A', 'B'], ['A', 'A', 'B'], [true, false, false, false, true]),
  row(['A', 'B'], ['A'], [false, false, false, true, false]),
  row(['A', 'B'], [], [false, false, false, true, false]),
  row(['A', 'B'], ['C'], [false, false, false, false, false]),
  row(['A', 'A'], ['A'], [false, false, false, true, false]),
  row(['A', 'A'], ['A', 'A'], [true, true, true, true, true]),
  row(['A', 'A'], ['A', 'C', 'A'], [true, false, false, false, true]),
  row([], [], [true, true, true, true, true]),
  row([], ['A'], [true, false, false, false, true]),
];

const listed = (tools: string[]) => (tools.length === 0 ? '(none)' : tools.join(', '));

describe('checkTools truth table', () => {
  for (const { expected, actual, passes } of truthTable) {
    it(`expected ${listed(expected)}, calls ${listed(actual)}`, () => {
      const verdicts = Object.fromEntries(toolMatchModes.map((mode) => [mode, checkTools(expected, mode, actual).passed]));
      expect(verdicts).toEqual(passes);
    });
  }

  it('is the table eval/README.md shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const header = '| expected_tools | calls made | in_order | strict | unordered | subset | superset |';
    expect(readme).toContain(header);
    const lines = readme.slice(readme.indexOf(header)).split('\n').slice(2);
    const shown = lines.slice(0, lines.findIndex((line) => !line.startsWith('|'))).map((line) => {
      const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
      const tools = (cell: string) => (cell === '(none)' ? [] : cell.split(', '));
      return row(tools(cells[0]!), tools(cells[1]!), cells.slice(2).map((cell) => cell === '✓') as Parameters<typeof row>[2]);
    });
    expect(shown).toEqual(truthTable);
  });
});

describe('checkTools reasons', () => {
  const expected = ['search_web', 'calculator'];
  it('names the missing tool and where, with the calls made', () => {
    expect(checkTools(expected, 'in_order', ['calculator', 'search_web']).reason).toBe(
      'expected search_web → calculator in order; no calculator after search_web; calls were: calculator → search_web',
    );
  });
  it('lists missing and extra calls for unordered, counting repeats', () => {
    expect(checkTools(expected, 'unordered', ['search_web', 'read_file']).reason).toBe(
      'expected search_web, calculator in any order; missing: calculator; extra: read_file; calls were: search_web → read_file',
    );
    expect(checkTools(expected, 'unordered', ['search_web', 'search_web', 'calculator']).reason).toBe(
      'expected search_web, calculator in any order; missing: —; extra: search_web (2 calls, 1 expected); calls were: search_web → search_web → calculator',
    );
  });
  it('names calls beyond a subset and calls missing from a superset, with their counts', () => {
    expect(checkTools(expected, 'subset', ['delete_file']).reason).toBe('called tools beyond search_web, calculator: delete_file; calls were: delete_file');
    expect(checkTools(['search_web'], 'subset', ['search_web', 'search_web']).reason).toContain('beyond search_web: search_web (2 calls, 1 expected)');
    expect(checkTools(expected, 'superset', ['search_web']).reason).toBe('expected at least search_web, calculator; missing: calculator; calls were: search_web');
    expect(checkTools(['search_web', 'search_web'], 'superset', ['search_web']).reason).toContain('missing: search_web (1 of 2 calls)');
  });
  it('says "no tool calls" plainly when nothing was expected', () => {
    expect(checkTools([], 'unordered', ['search_web']).reason).toBe('expected (none) in any order; missing: —; extra: search_web; calls were: search_web');
    expect(checkTools([], 'strict', []).reason).toBe('called exactly (none)');
  });

  it('names failed attempts apart from the calls it compares, so "(none)" does not hide that the agent tried', () => {
    expect(checkTools(['calculator'], 'in_order', [], ['write_file', 'math_eval']).reason).toBe(
      'expected calculator in order; no calculator; calls were: (none); failed attempts, not counted: write_file → math_eval',
    );
    expect(checkTools(['calculator'], 'in_order', ['calculator'], ['math_eval']).passed).toBe(true);
  });
});
