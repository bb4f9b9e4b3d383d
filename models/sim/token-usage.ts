// Token counting with a real tokenizer (o200k_base via gpt-tokenizer), reported in OpenAI's usage shape.
//
// prompt_tokens = 3 per message + tokens(role) + tokens(text) (+ tokens(name)) + 3 to prime the reply,
//                 + tokens(JSON of the tools array) when tools are offered,
//                 + tokens(JSON of the response_format schema) when one is given.
// completion_tokens = tokens(content), or for tool calls the sum of tokens(name) + tokens(arguments).
//
// Agents count their requests with the same function (models/prompt-tokens.ts) before sending them, so
// that what working memory measures is what the simulator will count and refuse.
import { countTokens } from 'gpt-tokenizer';

export const tokensPerMessage = 3;
export const tokensToPrimeReply = 3;

export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

/** A chat message as both the simulator's parsed requests and the openai client's params have it. */
export interface CountableMessage {
  role: string;
  content?: string | null | ReadonlyArray<{ type: string; text?: unknown }>;
  name?: unknown;
  tool_calls?: ReadonlyArray<{ id?: string; function?: { name: string; arguments: string } }>;
}

/** The parts of a chat-completions request that count as prompt tokens. */
export interface CountableRequest {
  messages: readonly CountableMessage[];
  tools?: readonly unknown[] | null | undefined;
  response_format?: { type: string; json_schema?: unknown } | null | undefined;
}

/** A message's text: a string, or the text parts of a content array joined. */
function textOf(content: CountableMessage['content']): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
}

export function countMessageTokens(message: CountableMessage): number {
  let total = tokensPerMessage + countTokens(message.role) + countTokens(textOf(message.content));
  if (typeof message.name === 'string') total += countTokens(message.name);
  if (message.role === 'assistant' && message.tool_calls) {
    for (const call of message.tool_calls) {
      if (call.function) total += countTokens(call.function.name) + countTokens(call.function.arguments);
    }
  }
  return total;
}

export function countPromptTokens(request: CountableRequest): number {
  let total = tokensToPrimeReply;
  for (const message of request.messages) total += countMessageTokens(message);
  if (request.tools && request.tools.length > 0) total += countTokens(JSON.stringify(request.tools));
  if (request.response_format?.type === 'json_schema') {
    total += countTokens(JSON.stringify(request.response_format.json_schema));
  }
  return total;
}

export function countCompletionTokens(content: string | null, toolCalls: Array<{ name: string; arguments: string }>): number {
  let total = content ? countTokens(content) : 0;
  for (const call of toolCalls) total += countTokens(call.name) + countTokens(call.arguments);
  return total;
}

export function usageOf(promptTokens: number, completionTokens: number): CompletionUsage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
