// The latency model: time to first token, then tokens at a steady rate, or zero for tests.
import { setTimeout as sleep } from 'node:timers/promises';
import type { LatencyMode, LatencyModel } from './profile.js';

/** How much faster `fast` is than `realistic`. */
export const fastSpeedUp = 20;

export interface LatencyPlan {
  /** Milliseconds before the first token. */
  firstTokenMs: number;
  /** Milliseconds per output token after the first. */
  perTokenMs: number;
}

export function planLatency(mode: LatencyMode, model: LatencyModel): LatencyPlan {
  if (mode === 'zero') return { firstTokenMs: 0, perTokenMs: 0 };
  if (typeof mode === 'object') return { firstTokenMs: mode.fixedMs, perTokenMs: 0 };
  const speedUp = mode === 'fast' ? fastSpeedUp : 1;
  return { firstTokenMs: model.timeToFirstTokenMs / speedUp, perTokenMs: 1000 / model.tokensPerSecond / speedUp };
}

/** Waits, unless the wait is zero or the client went away. */
export async function pause(milliseconds: number, signal: AbortSignal): Promise<void> {
  if (milliseconds <= 0 || signal.aborted) return;
  try {
    await sleep(milliseconds, undefined, { signal });
  } catch {
    // Aborted: the client disconnected, nobody is waiting any more.
  }
}

/** `zero`, `realistic`, `fast`, or milliseconds (`100`, `100ms`, `fixed:100`); undefined for anything else. */
export function parseLatencyMode(text: string): LatencyMode | undefined {
  if (text === 'zero' || text === 'realistic' || text === 'fast') return text;
  const milliseconds = /^(?:fixed:)?(\d+)(?:ms)?$/.exec(text)?.[1];
  return milliseconds === undefined ? undefined : { fixedMs: Number(milliseconds) };
}
