// The CSV reading of each field follows the zod schema: a change there changes how cells are read, with no second list.
import { describe, expect, it } from 'vitest';
import { goldenCaseSchema } from '../golden-case.js';
import { caseFieldNames, caseFields } from './case-fields.js';

describe('caseFields', () => {
  it('covers every schema field, in schema order', () => {
    expect(caseFieldNames).toEqual(Object.keys(goldenCaseSchema.shape));
  });

  it('reads each field by what its schema holds, under defaults and optionality', () => {
    expect(Object.fromEntries(caseFields)).toMatchObject({
      id: { kind: 'text', required: true },
      goal: { kind: 'text', required: true },
      agent: { kind: 'text', required: false },
      expected_tools: { kind: 'list', required: false },
      tool_match: { kind: 'text', required: false },
      expected_args: { kind: 'object', required: false },
      case_sensitive: { kind: 'boolean', required: false },
      max_steps: { kind: 'number', required: false },
      max_cost_usd: { kind: 'number', required: false },
      tags: { kind: 'list', required: false },
      allow: { kind: 'list', required: false },
    });
  });
});
