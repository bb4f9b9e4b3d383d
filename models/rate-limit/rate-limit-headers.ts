// What a response says about the endpoint's rate limits: OpenAI's `x-ratelimit-*` headers and the
// `retry-after-ms` / `retry-after` of a 429. Every field is optional: servers send some, all or none.
import { MAX_REFUSAL_WAIT_MS } from './constants.js';
import { parseResetDuration } from './reset-duration.js';

/** Reads one header by its lower-case name; null or undefined when absent. */
export type HeaderLookup = (name: string) => string | null | undefined;

export interface RateLimitHeaders {
  /** Requests and tokens per minute the endpoint allows (`x-ratelimit-limit-*`). */
  limitRequests?: number;
  limitTokens?: number;
  /** What is left now (`x-ratelimit-remaining-*`). */
  remainingRequests?: number;
  remainingTokens?: number;
  /** Milliseconds until the limit is back to its initial state (`x-ratelimit-reset-*`). */
  resetRequestsMs?: number;
  resetTokensMs?: number;
  /** Milliseconds to wait before sending again, from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
  retryAfterMs?: number;
}

function count(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function retryAfter(lookup: HeaderLookup, nowEpochMs: number): number | undefined {
  const milliseconds = count(lookup('retry-after-ms'));
  if (milliseconds !== undefined) return Math.min(milliseconds, MAX_REFUSAL_WAIT_MS);
  const value = lookup('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = count(value);
  if (seconds !== undefined) return Math.min(seconds * 1000, MAX_REFUSAL_WAIT_MS);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - nowEpochMs), MAX_REFUSAL_WAIT_MS);
}

export function readRateLimitHeaders(lookup: HeaderLookup, nowEpochMs = Date.now()): RateLimitHeaders {
  const fields: RateLimitHeaders = {};
  const set = <Key extends keyof RateLimitHeaders>(key: Key, value: number | undefined) => {
    if (value !== undefined) fields[key] = value;
  };
  set('limitRequests', count(lookup('x-ratelimit-limit-requests')));
  set('limitTokens', count(lookup('x-ratelimit-limit-tokens')));
  set('remainingRequests', count(lookup('x-ratelimit-remaining-requests')));
  set('remainingTokens', count(lookup('x-ratelimit-remaining-tokens')));
  set('resetRequestsMs', parseResetDuration(lookup('x-ratelimit-reset-requests')));
  set('resetTokensMs', parseResetDuration(lookup('x-ratelimit-reset-tokens')));
  set('retryAfterMs', retryAfter(lookup, nowEpochMs));
  return fields;
}

/**
 * Whether a 429 is the rate limit's: its headers show a limit spent (no requests left, or fewer
 * tokens than the request needs), or it has no rate-limit headers to say otherwise. A 429 whose
 * headers show room is something else (a spent quota, an injected fault) and goes back to the caller.
 */
export function isLimitRefusal(headers: RateLimitHeaders, estimatedTokens: number): boolean {
  if (headers.remainingRequests === undefined && headers.remainingTokens === undefined) return true;
  if (headers.remainingRequests === 0) return true;
  return headers.remainingTokens !== undefined && headers.remainingTokens < Math.max(1, estimatedTokens);
}
