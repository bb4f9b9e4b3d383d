// The simulator's context window: a request whose prompt tokens, plus the completion tokens it reserves
// with max_tokens / max_completion_tokens, exceed the profile's window is refused as OpenAI refuses it:
// 400 invalid_request_error, code context_length_exceeded, param messages, in OpenAI's own words.
import { openAIError, type OpenAIErrorBody } from './openai-error.js';

export function contextLengthError(contextWindow: number, promptTokens: number, reservedTokens: number | undefined): OpenAIErrorBody | undefined {
  const requested = promptTokens + (reservedTokens ?? 0);
  if (requested <= contextWindow) return undefined;
  const message =
    reservedTokens === undefined
      ? `This model's maximum context length is ${contextWindow} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`
      : `This model's maximum context length is ${contextWindow} tokens. However, you requested ${requested} tokens (${promptTokens} in the messages, ${reservedTokens} in the completion). Please reduce the length of the messages or completion.`;
  return openAIError(message, 'invalid_request_error', 'context_length_exceeded', 'messages');
}
