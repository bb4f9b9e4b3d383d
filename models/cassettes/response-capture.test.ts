// What a failed exchange records as its error: the text a replay answers with, so it must be what the
// caller was given when the exchange was recorded.
import { expect, it } from 'vitest';
import { failedResponse } from './response-capture.js';

it("adds the cause's words to an error that does not carry them (fetch failed: other side closed)", () => {
  const error = new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
  expect(failedResponse('unreachable', error)).toEqual({ outcome: 'unreachable', error: 'fetch failed: other side closed', errorCode: 'UND_ERR_SOCKET' });
});

it('keeps an error whose message already carries its cause as it is (the model proxy answers the agent with that message)', () => {
  const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
  const message = 'The model proxy could not reach the model endpoint at http://127.0.0.1:1/v1/chat/completions: UND_ERR_SOCKET (other side closed)';
  expect(failedResponse('unreachable', new Error(message, { cause }))).toEqual({ outcome: 'unreachable', error: message, errorCode: 'UND_ERR_SOCKET' });
});
