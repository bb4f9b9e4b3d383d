// An `openai` client whose every request waits its turn with a RateLimiter before it is sent, and
// whose every answer tells the limiter what the endpoint said (its x-ratelimit-* headers, a 429's
// Retry-After, the tokens really used). The wait comes before the client's own timeout starts, so a
// call queued behind the limit does not time out for waiting. A 429 still reaches the caller, who
// decides whether to send again (agents do so without using up a try: agents/core/call-model.ts);
// the limiter has already slowed down and holds the next send for the Retry-After.
import OpenAI, { type ClientOptions } from 'openai';
import type { RateLimiter, RateLimitPermit } from './rate-limiter.js';
import { estimateRequestTokens, usageOf } from './request-estimate.js';

export class RateLimitedOpenAI extends OpenAI {
  readonly rateLimiter: RateLimiter;

  constructor(options: ClientOptions, rateLimiter: RateLimiter) {
    super(options);
    this.rateLimiter = rateLimiter;
  }

  override async fetchWithTimeout(url: Parameters<OpenAI['fetchWithTimeout']>[0], init: RequestInit | undefined, ms: number, controller: AbortController): Promise<Response> {
    const limiter = this.rateLimiter;
    const body = init?.body;
    const estimate = limiter.countsTokens && (typeof body === 'string' || body instanceof Uint8Array) ? await estimateRequestTokens(body, limiter.expectedOutputTokens) : undefined;
    const permit = await limiter.acquire(estimate?.tokens ?? 0, init?.signal ?? undefined);
    let response: Response;
    try {
      response = await super.fetchWithTimeout(url, init, ms, controller);
    } catch (error) {
      permit.settle({});
      throw error;
    }
    // A reserved completion is charged as reserved; only a guessed one is corrected by the usage.
    settle(permit, response, estimate !== undefined && !estimate.reservesCompletion);
    return response;
  }
}

/** Settles at once from the headers, or, when the usage corrects the estimate and the reply is whole JSON, once it is read from a copy. */
function settle(permit: RateLimitPermit, response: Response, correctsEstimate: boolean): void {
  const headers = (name: string) => response.headers.get(name);
  const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
  if (!correctsEstimate || !response.ok || !isJson) {
    permit.settle({ status: response.status, headers });
    return;
  }
  response
    .clone()
    .json()
    .then(
      (reply: unknown) => permit.settle({ status: response.status, headers, ...usageOf(reply) }),
      () => permit.settle({ status: response.status, headers }),
    );
}
