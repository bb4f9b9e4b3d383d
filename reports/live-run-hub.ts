// An in-process publisher of eval progress: the CLI hands `hub.sink()` (or `hub.publish`) to the
// runner's onProgress, and the run page's event stream subscribes per run. It keeps each live run's
// counts so a page that connects late starts from the right figures.
import type { EvalProgressEvent, EvalProgressSink } from '../eval/index.js';
import type { RunRecord } from '../store/index.js';

export type LiveRunListener = (event: EvalProgressEvent) => void;

/** What the hub knows of a run it has seen start and not yet end. */
export interface LiveRunState {
  run: RunRecord;
  total: number;
  done: number;
  /** Counted from the case-end events this hub saw; a resumed run's earlier results are not in them. */
  passed: number;
  failed: number;
  errors: number;
}

export class LiveRunHub {
  private readonly live = new Map<string, LiveRunState>();
  private readonly listeners = new Map<string, Set<LiveRunListener>>();

  /**
   * Records the event and passes it to the run's subscribers. `case-start` events carry no run id:
   * they belong to `runId` when given, else to the run started most recently that is still live.
   * A subscriber that throws is dropped rather than allowed to break the eval that publishes.
   */
  publish(event: EvalProgressEvent, runId?: string): void {
    const id = runId ?? this.runIdOf(event);
    if (id === undefined) return;
    this.record(id, event);
    for (const listener of [...(this.listeners.get(id) ?? [])]) {
      try {
        listener(event);
      } catch {
        this.listeners.get(id)?.delete(listener);
      }
    }
    if (event.type === 'eval-end') {
      this.live.delete(id);
      this.listeners.delete(id);
    }
  }

  /** A progress sink for runEval's `onProgress`. */
  sink(): EvalProgressSink {
    return (event) => this.publish(event);
  }

  /** Calls `listener` with each later event of the run until it ends (eval-end is the last) or unsubscribe is called. */
  subscribe(runId: string, listener: LiveRunListener): () => void {
    let listeners = this.listeners.get(runId);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(runId, listeners);
    }
    listeners.add(listener);
    return () => {
      const current = this.listeners.get(runId);
      current?.delete(listener);
      if (current?.size === 0) this.listeners.delete(runId);
    };
  }

  /** The run's progress while it is live here; undefined before eval-start and after eval-end. */
  state(runId: string): LiveRunState | undefined {
    const state = this.live.get(runId);
    return state ? { ...state } : undefined;
  }

  isLive(runId: string): boolean {
    return this.live.has(runId);
  }

  /** How many listeners the run has: open event streams, for one. */
  subscriberCount(runId: string): number {
    return this.listeners.get(runId)?.size ?? 0;
  }

  /** Live run ids, the most recently started last. */
  liveRunIds(): string[] {
    return [...this.live.keys()];
  }

  private runIdOf(event: EvalProgressEvent): string | undefined {
    switch (event.type) {
      case 'eval-start':
      case 'eval-end':
        return event.run.id;
      case 'case-end':
        return event.result.runId;
      case 'case-start':
        return this.liveRunIds().at(-1);
    }
  }

  private record(runId: string, event: EvalProgressEvent): void {
    if (event.type === 'eval-start') {
      this.live.delete(runId);
      this.live.set(runId, { run: event.run, total: event.total, done: event.alreadyDone, passed: 0, failed: 0, errors: 0 });
      return;
    }
    const state = this.live.get(runId);
    if (!state) return;
    if (event.type === 'case-end') {
      state.done = event.done;
      state.total = event.total;
      if (event.result.status === 'pass') state.passed++;
      else if (event.result.status === 'fail') state.failed++;
      else state.errors++;
    } else if (event.type === 'eval-end') {
      state.run = event.run;
      state.done = event.done;
      state.total = event.total;
    }
  }
}
