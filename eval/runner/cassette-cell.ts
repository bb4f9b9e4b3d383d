// A replayed cell that asked for something its cassette does not hold (strict --replay) is an error
// naming the request, not a fail: the agent never met the endpoint's answer, so there is nothing to score.
import type { AgentResult } from '../../agents/index.js';
import { MISS_ERROR_CODE } from '../../models/index.js';

export function cassetteMissResult(result: AgentResult, misses: readonly string[]): AgentResult {
  const more = misses.length > 1 ? ` (and ${misses.length - 1} more request${misses.length === 2 ? '' : 's'})` : '';
  return { ...result, status: 'error', error: { code: MISS_ERROR_CODE, message: `${misses[0]}${more}` } };
}
