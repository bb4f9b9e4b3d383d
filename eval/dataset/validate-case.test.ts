// Wording of the values a case may not hold: a renamed value names its new name, a misspelt one its nearest.
import { describe, expect, it } from 'vitest';
import { validateCase } from './validate-case.js';

const problemsOf = (input: Record<string, unknown>) => validateCase({ line: 3, input: { id: 'c1', goal: 'g', ...input }, reportedFields: new Set() }).problems;

describe('validateCase', () => {
  it('refuses args_match "subset", the old name of "superset", saying so', () => {
    expect(problemsOf({ args_match: 'subset' })).toEqual([
      {
        line: 3,
        field: 'args_match',
        message: '"subset" is the old name of "superset" (did you mean "superset"?): the call carries at least the expected arguments, as tool_match\'s superset carries at least the expected calls',
      },
    ]);
  });

  it('accepts args_match "superset" and "exact", and defaults to superset', () => {
    expect(validateCase({ line: 1, input: { id: 'c1', goal: 'g', args_match: 'exact' }, reportedFields: new Set() }).goldenCase?.args_match).toBe('exact');
    expect(validateCase({ line: 1, input: { id: 'c1', goal: 'g' }, reportedFields: new Set() }).goldenCase?.args_match).toBe('superset');
  });

  it('suggests the nearest accepted value for a misspelt one', () => {
    expect(problemsOf({ tool_match: 'inorder' })?.[0]?.message).toBe('expected one of "in_order", "strict", "unordered", "subset", "superset", got "inorder" (did you mean "in_order"?)');
    expect(problemsOf({ tool_match: 'sideways' })?.[0]?.message).toBe('expected one of "in_order", "strict", "unordered", "subset", "superset", got "sideways"');
  });

  it('leaves tool_match unset when the case does not name one', () => {
    expect(validateCase({ line: 1, input: { id: 'c1', goal: 'g' }, reportedFields: new Set() }).goldenCase?.tool_match).toBeUndefined();
  });
});
