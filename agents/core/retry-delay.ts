// How long to wait before retrying a model call: the server's Retry-After when it gives one,
// exponential backoff otherwise.
import { retryBaseDelayMs, retryMaxDelayMs } from '../constants.js';

/** Longest Retry-After honoured; a server asking for more is treated as this. */
const retryAfterCapMs = 60_000;

/** Milliseconds from `retry-after-ms`, or `retry-after` as seconds or an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const milliseconds = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(milliseconds) && milliseconds >= 0) return Math.min(milliseconds, retryAfterCapMs);
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, retryAfterCapMs);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - now), retryAfterCapMs);
}

/** Backoff before retry number `retry` (1 for the first retry). */
export function backoffMs(retry: number): number {
  return Math.min(retryBaseDelayMs * 2 ** (retry - 1), retryMaxDelayMs);
}
