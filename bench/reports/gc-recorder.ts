// Records the garbage collector's pauses, so a figure can say how much of a timed window went to GC
// rather than to the work measured.
import { PerformanceObserver } from 'node:perf_hooks';
import type { PerformanceEntry } from 'node:perf_hooks';

export class GcRecorder {
  private readonly entries: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => this.entries.push(...list.getEntries()));

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Milliseconds of GC pauses that started between `from` and `to` (performance.now() times). */
  async pausedMs(from: number, to: number): Promise<number> {
    // Entries are delivered after the event loop turns; let the last ones arrive.
    await new Promise((resolve) => setImmediate(resolve));
    return this.entries.filter((entry) => entry.startTime >= from && entry.startTime < to).reduce((sum, entry) => sum + entry.duration, 0);
  }

  stop(): void {
    this.observer.disconnect();
  }
}
