// The simulator's rate limits (`agentlab sim --rpm 600 --tpm 200000`), enforced the way OpenAI does:
// per model, on requests and on tokens, each a bucket refilled continuously at the per-minute limit
// and holding one second of it (OpenAI enforces a per-minute limit over shorter periods, so a burst of
// a minute's requests is refused). A request is let in when the request bucket holds one and the
// token bucket holds its tokens (the prompt plus the max_tokens it reserves; a request bigger than
// one second's tokens waits for a full bucket and leaves it in debt); its completion, when it
// reserved none, is charged when produced. A refused request still counts against the request limit
// (as OpenAI's do), down to an empty bucket, so retrying blindly keeps a client refused.
// Every reply carries OpenAI's six x-ratelimit-* headers; a refusal is OpenAI's 429 with Retry-After.
// The buckets' files themselves, not rate-limit/index.js: the simulator has no use for the openai client.
import { BURST_SECONDS } from '../rate-limit/constants.js';
import { formatResetDuration } from '../rate-limit/reset-duration.js';
import { TokenBucket } from '../rate-limit/token-bucket.js';
import { openAIError, type OpenAIErrorBody } from './openai-error.js';

export interface SimRateLimits {
  /** Requests per minute, per model. */
  rpm?: number | undefined;
  /** Tokens (prompt + completion) per minute, per model. */
  tpm?: number | undefined;
}

export type Admission =
  | { admitted: true; headers: Record<string, string> }
  | { admitted: false; headers: Record<string, string>; retryAfterMs: number; body: OpenAIErrorBody };

/** One model's buckets. */
class ModelLimits {
  readonly requests: TokenBucket | undefined;
  readonly tokens: TokenBucket | undefined;

  constructor(
    readonly limits: SimRateLimits,
    now: number,
  ) {
    if (limits.rpm !== undefined) this.requests = new TokenBucket(Math.max(1, (limits.rpm / 60) * BURST_SECONDS), limits.rpm / 60_000, now);
    if (limits.tpm !== undefined) this.tokens = new TokenBucket(Math.max(1, (limits.tpm / 60) * BURST_SECONDS), limits.tpm / 60_000, now);
  }

  headers(now: number): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.requests) {
      headers['x-ratelimit-limit-requests'] = String(this.limits.rpm);
      headers['x-ratelimit-remaining-requests'] = String(Math.max(0, Math.floor(this.requests.level(now))));
      headers['x-ratelimit-reset-requests'] = formatResetDuration(this.requests.msUntilFull(now));
    }
    if (this.tokens) {
      headers['x-ratelimit-limit-tokens'] = String(this.limits.tpm);
      headers['x-ratelimit-remaining-tokens'] = String(Math.max(0, Math.floor(this.tokens.level(now))));
      headers['x-ratelimit-reset-tokens'] = formatResetDuration(this.tokens.msUntilFull(now));
    }
    return headers;
  }
}

/** What the enforcer has let in and refused since it started, over every model. */
export interface RateLimitCounts {
  admitted: number;
  refused: number;
}

export class RateLimitEnforcer {
  readonly counts: RateLimitCounts = { admitted: 0, refused: 0 };
  readonly #limits: SimRateLimits;
  readonly #models = new Map<string, ModelLimits>();
  readonly #now: () => number;

  /** `now` in milliseconds, monotonic; injectable for tests. */
  constructor(limits: SimRateLimits, now: () => number = () => performance.now()) {
    this.#limits = limits;
    this.#now = now;
  }

  #model(model: string, now: number): ModelLimits {
    let limits = this.#models.get(model);
    if (!limits) {
      limits = new ModelLimits(this.#limits, now);
      this.#models.set(model, limits);
    }
    return limits;
  }

  /** Lets a request of `tokens` (prompt + reserved completion) to `model` in, or refuses it. */
  admit(model: string, tokens: number): Admission {
    const now = this.#now();
    const limits = this.#model(model, now);
    const requestWait = limits.requests?.waitMs(1, now) ?? 0;
    const tokenWait = limits.tokens?.waitMs(tokens, now) ?? 0;
    if (requestWait <= 0 && tokenWait <= 0) {
      limits.requests?.adjust(-1, now);
      limits.tokens?.adjust(-tokens, now);
      this.counts.admitted += 1;
      return { admitted: true, headers: limits.headers(now) };
    }
    this.counts.refused += 1;
    // A refused request counts too, as far as the bucket is not empty.
    if (limits.requests) limits.requests.adjust(-Math.min(1, Math.max(0, limits.requests.level(now))), now);
    const retryAfterMs = Math.ceil(Math.max(limits.requests?.waitMs(1, now) ?? 0, limits.tokens?.waitMs(tokens, now) ?? 0));
    const byTokens = tokenWait > requestWait;
    const headers: Record<string, string> = { ...limits.headers(now), 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))), 'retry-after-ms': String(retryAfterMs) };
    const message = byTokens
      ? `Rate limit reached for ${model} in organization agentlab-sim on tokens per min (TPM): Limit ${this.#limits.tpm}, Remaining ${headers['x-ratelimit-remaining-tokens']}, Requested ${tokens}. Please try again in ${formatResetDuration(retryAfterMs)}.`
      : `Rate limit reached for ${model} in organization agentlab-sim on requests per min (RPM): Limit ${this.#limits.rpm}, Remaining ${headers['x-ratelimit-remaining-requests']}, Requested 1. Please try again in ${formatResetDuration(retryAfterMs)}.`;
    return { admitted: false, headers, retryAfterMs, body: openAIError(message, byTokens ? 'tokens' : 'requests', 'rate_limit_exceeded') };
  }

  /** Charges completion tokens a request did not reserve, once they are produced. */
  charge(model: string, tokens: number): void {
    if (tokens <= 0) return;
    const now = this.#now();
    this.#model(model, now).tokens?.adjust(-tokens, now);
  }
}
