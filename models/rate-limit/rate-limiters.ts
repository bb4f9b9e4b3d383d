// One RateLimiter per (endpoint, model) for a whole run: every client, proxy route and worker that
// calls the same model at the same endpoint shares its limits. None is made for a model without limits.
import type { RateLimitsConfig } from '../config-schema.js';
import { RateLimiter, systemClock, type LimiterClock } from './rate-limiter.js';

export class RateLimiters {
  readonly #limiters = new Map<string, RateLimiter>();

  constructor(readonly clock: LimiterClock = systemClock) {}

  /** The limiter of `model` at `baseURL`, made on first use; undefined when `limits` sets none. */
  limiterFor(baseURL: string, model: string, limits: RateLimitsConfig | undefined): RateLimiter | undefined {
    if (!limits || (limits.rpm === undefined && limits.tpm === undefined && limits.maxConcurrency === undefined)) return undefined;
    const key = `${baseURL.replace(/\/+$/, '')} ${model}`;
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter(limits, this.clock);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }
}
