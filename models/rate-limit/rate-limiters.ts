// One RateLimiter per (endpoint, model) for a whole run: every client, proxy route and worker that
// calls the same model at the same endpoint shares its limits. None is made for a model without limits.
import type { RateLimitsConfig } from '../config-schema.js';
import { RateLimiter, systemClock, type LimiterClock, type RateLimiterStats, type RateLimits } from './rate-limiter.js';

/** What one limiter did over a run: its endpoint and model, the limits it kept, and its counts. */
export interface RateLimiterUsage extends RateLimiterStats {
  /** The endpoint's base URL, as the clients were given it. */
  baseURL: string;
  model: string;
  limits: RateLimits;
}

export class RateLimiters {
  readonly #limiters = new Map<string, { baseURL: string; model: string; limiter: RateLimiter }>();

  constructor(readonly clock: LimiterClock = systemClock) {}

  /** The limiter of `model` at `baseURL`, made on first use; undefined when `limits` sets none. */
  limiterFor(baseURL: string, model: string, limits: RateLimitsConfig | undefined): RateLimiter | undefined {
    if (!limits || (limits.rpm === undefined && limits.tpm === undefined && limits.maxConcurrency === undefined)) return undefined;
    const key = `${baseURL.replace(/\/+$/, '')} ${model}`;
    let entry = this.#limiters.get(key);
    if (!entry) {
      entry = { baseURL, model, limiter: new RateLimiter(limits, this.clock) };
      this.#limiters.set(key, entry);
    }
    return entry.limiter;
  }

  /** Every limiter made so far, in the order they were first used. */
  usage(): RateLimiterUsage[] {
    return [...this.#limiters.values()].map(({ baseURL, model, limiter }) => ({ baseURL, model, limits: { ...limiter.limits }, ...limiter.stats }));
  }
}
