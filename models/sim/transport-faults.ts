// Transport faults: what an unreliable endpoint does to a request. One draw per request, from
// (seed, conversation, step, retry), so a retry of a failed request is a new draw and every cell of
// a run meets the same faults whether it runs alone, resumed or among a thousand others.
import type { TransportRates } from './profile.js';
import { draw } from './seeded-random.js';

export type TransportFault = 'rateLimit' | 'serverError' | 'stall' | 'cutOff';

const order: TransportFault[] = ['rateLimit', 'serverError', 'stall', 'cutOff'];

/** `retry` is 0 for a first try, 1 for the first retry, …: the draw for a retry is a fresh one. */
export function chooseTransportFault(rates: TransportRates, seed: number, conversation: string, step: number, retry: number): TransportFault | undefined {
  const roll = draw(seed, conversation, step, 'transport', retry);
  let threshold = 0;
  for (const fault of order) {
    threshold += rates[fault];
    if (roll < threshold) return fault;
  }
  return undefined;
}

/**
 * Counts how often each request body has been seen, forgetting everything past a bound: the
 * retry number of a request that does not declare its attempt. It is the server's memory, so a
 * cell sending the very request another cell sent (same seed, model and messages) counts as its
 * retry; callers that declare their attempt (agentlab's agents do) never touch it.
 */
export class RequestOccurrences {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit = 100_000) {}

  /** 0 the first time a key is seen, 1 the second, and so on. */
  next(key: string): number {
    const seen = this.counts.get(key) ?? 0;
    if (this.counts.size >= this.limit && seen === 0) this.counts.clear();
    this.counts.set(key, seen + 1);
    return seen;
  }
}
