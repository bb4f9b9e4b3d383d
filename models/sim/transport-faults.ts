// Transport faults: what an unreliable endpoint does to a request. One draw per request, from
// (seed, conversation, step, how many times this exact request has been seen), so a retry of a
// failed request is a new draw and the whole sequence still reproduces.
import type { TransportRates } from './profile.js';
import { draw } from './seeded-random.js';

export type TransportFault = 'rateLimit' | 'serverError' | 'stall' | 'cutOff';

const order: TransportFault[] = ['rateLimit', 'serverError', 'stall', 'cutOff'];

export function chooseTransportFault(rates: TransportRates, seed: number, conversation: string, step: number, occurrence: number): TransportFault | undefined {
  const roll = draw(seed, conversation, step, 'transport', occurrence);
  let threshold = 0;
  for (const fault of order) {
    threshold += rates[fault];
    if (roll < threshold) return fault;
  }
  return undefined;
}

/** Counts how often each request body has been seen, forgetting everything past a bound. */
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
