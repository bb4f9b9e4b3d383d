// Sending on to a model with configured rate limits (models/rate-limit): the request waits its turn
// with the model's limiter (shared with every other session, client and worker of the run), the
// answer's x-ratelimit-* headers and usage go back to the limiter, and a 429 that the limits explain
// is sent again once the limiter lets it, up to RATE_LIMIT_RETRIES times, without the agent ever
// seeing it: an agent of any language then runs at the allowed rate with no retry logic of its own.
// A model without limits is sent to directly, at no cost.
import { estimateRequestTokens, isLimitRefusal, RATE_LIMIT_RETRIES, usageOf, type ModelHandle, type RateLimiter } from '../../models/index.js';
import type { ForwardedRequest, SentRequest } from './forward-request.js';
import type { ProxyError } from './proxy-error.js';
import { decodedText } from './relay-whole.js';
import { UpstreamBody } from './upstream-body.js';
import type { UpstreamEndpoint } from './upstream-endpoint.js';
import { contentEncoding, headerValue, type UpstreamResponse } from './upstream-response.js';

/** What sends a request on: the proxy's pool of connections, or anything standing in for it. */
export interface Sender {
  send(endpoint: UpstreamEndpoint, forwarded: ForwardedRequest): SentRequest;
}

export function sendUpstream(upstream: Sender, model: ModelHandle, endpoint: UpstreamEndpoint, forwarded: ForwardedRequest): SentRequest {
  return model.rateLimiter ? new LimitedCall(upstream, endpoint, forwarded, model.rateLimiter) : upstream.send(endpoint, forwarded);
}

function noop(): void {}

/** A body already read whole, handed on as if it were arriving. */
function readBody(bytes: Buffer): UpstreamBody {
  const body = new UpstreamBody({ pause: noop, resume: noop, abort: noop });
  body.receive(bytes);
  body.end();
  return body;
}

function isEventStream(response: UpstreamResponse): boolean {
  return headerValue(response.headers, 'content-type')?.includes('text/event-stream') ?? false;
}

class LimitedCall implements SentRequest {
  readonly response: Promise<UpstreamResponse>;
  readonly #waiting = new AbortController();
  #current: SentRequest | undefined;
  #abortedBy: ProxyError | undefined;

  constructor(upstream: Sender, endpoint: UpstreamEndpoint, forwarded: ForwardedRequest, limiter: RateLimiter) {
    this.response = this.#send(upstream, endpoint, forwarded, limiter);
    this.response.catch(noop);
  }

  abort(reason: ProxyError): void {
    if (this.#abortedBy) return;
    this.#abortedBy = reason;
    this.#waiting.abort(reason);
    this.#current?.abort(reason);
  }

  async #send(upstream: Sender, endpoint: UpstreamEndpoint, forwarded: ForwardedRequest, limiter: RateLimiter): Promise<UpstreamResponse> {
    const body = typeof forwarded.body === 'string' || Buffer.isBuffer(forwarded.body) ? forwarded.body : undefined;
    const estimate = limiter.countsTokens ? await estimateRequestTokens(body, limiter.expectedOutputTokens) : undefined;
    const tokens = estimate?.tokens ?? 0;
    // A reserved completion is charged as reserved; only a guessed one is corrected by the usage.
    const correctsEstimate = estimate !== undefined && !estimate.reservesCompletion;
    for (let refusals = 0; ; refusals++) {
      const permit = await limiter.acquire(tokens, this.#waiting.signal);
      const sent = upstream.send(endpoint, forwarded);
      this.#current = sent;
      if (this.#abortedBy) sent.abort(this.#abortedBy);
      let response: UpstreamResponse;
      try {
        response = await sent.response;
      } catch (error) {
        permit.settle({});
        throw error;
      }
      const headers = (name: string) => headerValue(response.headers, name);
      if (isEventStream(response) || (response.statusCode < 400 && !correctsEstimate)) {
        permit.settle({ status: response.statusCode, headers });
        return response;
      }
      // An error, or an answer whose usage corrects the token estimate: read whole (as it would be relayed).
      let bytes: Buffer;
      try {
        bytes = await response.body.whole();
      } catch (error) {
        permit.settle({});
        throw error;
      }
      const text = () => decodedText(bytes, contentEncoding(response.headers));
      if (response.statusCode < 400) {
        let usage: ReturnType<typeof usageOf>;
        try {
          usage = usageOf(JSON.parse(text()));
        } catch {
          usage = undefined;
        }
        permit.settle({ status: response.statusCode, headers, ...usage });
        return { ...response, body: readBody(bytes) };
      }
      const said = permit.settle({ status: response.statusCode, headers });
      if (response.statusCode !== 429 || refusals >= RATE_LIMIT_RETRIES || /insufficient_quota/.test(text()) || !isLimitRefusal(said, tokens)) {
        return { ...response, body: readBody(bytes) };
      }
    }
  }
}
