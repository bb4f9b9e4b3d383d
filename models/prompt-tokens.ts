// Counts a chat request's prompt tokens exactly as the simulator does (models/sim/token-usage.ts), for
// agents that must know whether a request fits a model's context window before sending it. The
// tokenizer's tables take a moment to load, so they load on first use, not with models/.
import type { CountableMessage, CountableRequest } from './sim/token-usage.js';

export type { CountableMessage, CountableRequest } from './sim/token-usage.js';

export interface PromptTokenCounter {
  /** Prompt tokens of the whole request: messages, tools and response format, as usage.prompt_tokens reports them. */
  countRequest(request: CountableRequest): number;
  /** One message's share of that count. */
  countMessage(message: CountableMessage): number;
}

let loading: Promise<PromptTokenCounter> | undefined;

export function loadPromptTokenCounter(): Promise<PromptTokenCounter> {
  loading ??= import('./sim/token-usage.js').then(({ countMessageTokens, countPromptTokens }) => ({ countRequest: countPromptTokens, countMessage: countMessageTokens }));
  return loading;
}
