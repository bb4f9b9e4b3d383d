// Errors grouped by code and message: counted, most frequent first, ties in order of appearance.
import { describe, expect, it } from 'vitest';
import { groupErrors } from './error-groups.js';

describe('groupErrors', () => {
  it('counts each code and message once, most frequent first, and skips results without an error', () => {
    const refused = { code: 'model_call_failed', message: 'connection refused: http://127.0.0.1:9/v1/chat/completions' };
    const timeout = { code: 'case_timeout', message: 'the case did not finish within 100 ms' };
    const crash = { code: 'agent_crashed', message: 'boom' };
    const groups = groupErrors([{ error: timeout }, { error: refused }, {}, { error: crash }, { error: refused }, { error: { ...refused, code: 'other' } }]);
    expect(groups).toEqual([
      { ...refused, count: 2 },
      { ...timeout, count: 1 },
      { ...crash, count: 1 },
      { code: 'other', message: refused.message, count: 1 },
    ]);
    expect(groupErrors([])).toEqual([]);
  });
});
