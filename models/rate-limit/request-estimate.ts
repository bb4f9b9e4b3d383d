// A request's tokens as a tokens-per-minute limit counts them before it is answered: the prompt
// (counted with gpt-tokenizer as the simulator counts usage.prompt_tokens) plus the completion it may
// take, its max_tokens or, without one, the completion the limiter expects from replies so far. A
// body that is not a chat request (embeddings) is estimated at four characters a token.
import { loadPromptTokenCounter, type CountableRequest } from '../prompt-tokens.js';

const charactersPerToken = 4;

function isChatRequest(value: unknown): value is CountableRequest & { max_tokens?: unknown; max_completion_tokens?: unknown } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { messages?: unknown }).messages);
}

export interface RequestEstimate {
  /** Tokens the request will be charged before it is answered. */
  tokens: number;
  /**
   * Whether it reserves its completion with max_tokens: then the charge stands (OpenAI counts the
   * reservation), otherwise the reply's usage replaces the guess.
   */
  reservesCompletion: boolean;
}

/** Tokens a request body (JSON text or bytes) will be charged; `expectedOutputTokens` stands in for a missing max_tokens. */
export async function estimateRequestTokens(body: string | Uint8Array | null | undefined, expectedOutputTokens: number): Promise<RequestEstimate> {
  if (body === null || body === undefined) return { tokens: 0, reservesCompletion: false };
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch {
    return { tokens: Math.ceil(text.length / charactersPerToken), reservesCompletion: false };
  }
  if (!isChatRequest(request)) return { tokens: Math.ceil(text.length / charactersPerToken), reservesCompletion: false };
  const counter = await loadPromptTokenCounter();
  let prompt: number;
  try {
    prompt = counter.countRequest(request);
  } catch {
    // A message the counter cannot read (a content part it does not know): the length will do.
    prompt = Math.ceil(text.length / charactersPerToken);
  }
  const cap = request.max_completion_tokens ?? request.max_tokens;
  const reservesCompletion = typeof cap === 'number' && cap > 0;
  return { tokens: prompt + Math.round(reservesCompletion ? cap : expectedOutputTokens), reservesCompletion };
}

/** Usage of a chat completion or embeddings reply, when its JSON carries one. */
export function usageOf(reply: unknown): { usedTokens: number; completionTokens?: number } | undefined {
  const usage = (reply as { usage?: { total_tokens?: unknown; prompt_tokens?: unknown; completion_tokens?: unknown } } | null)?.usage;
  if (!usage) return undefined;
  const completion = typeof usage.completion_tokens === 'number' ? usage.completion_tokens : undefined;
  const total = typeof usage.total_tokens === 'number' ? usage.total_tokens : typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens + (completion ?? 0) : undefined;
  if (total === undefined) return undefined;
  return { usedTokens: total, ...(completion === undefined ? {} : { completionTokens: completion }) };
}
