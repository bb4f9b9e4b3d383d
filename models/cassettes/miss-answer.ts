// The answer to a request no cassette holds, in a strict replay: OpenAI's error shape with a status
// clients do not retry, so the agent stops at once and the cell is an error naming the request.
import { MISS_ERROR_CODE, MISS_STATUS } from './constants.js';

export const missAnswerHeaders = { 'content-type': 'application/json' } as const;

export function missAnswerBody(message: string): string {
  return JSON.stringify({ error: { message: `agentlab replay: ${message}`, type: MISS_ERROR_CODE, code: MISS_ERROR_CODE } });
}

export { MISS_STATUS };
