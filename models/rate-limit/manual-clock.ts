// A clock for tests of the limiter: time moves only when a test advances it, firing due timers in order.
import type { LimiterClock } from './rate-limiter.js';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export class ManualClock implements LimiterClock {
  time = 0;
  #timers: Timer[] = [];
  #nextId = 1;

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, milliseconds: number): unknown {
    const timer = { id: this.#nextId++, at: this.time + Math.max(0, milliseconds), callback };
    this.#timers.push(timer);
    return timer.id;
  }

  clearTimer(id: unknown): void {
    this.#timers = this.#timers.filter((timer) => timer.id !== id);
  }

  /** Moves time forward by `milliseconds`, firing each timer due on the way at its own time, and lets promises settle. */
  async advance(milliseconds: number): Promise<void> {
    const target = this.time + milliseconds;
    // A limiter that kept setting timers for the same instant would never let time move: a test bug, said so.
    for (let fired = 0; ; fired++) {
      if (fired > 10_000) throw new Error('ManualClock: more than 10,000 timers fired in one advance');
      await settle();
      const due = this.#timers.filter((timer) => timer.at <= target).sort((left, right) => left.at - right.at)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((timer) => timer !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = target;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) await Promise.resolve();
}
