// Closed-loop load: a fixed number of clients, each starting its next call as soon as its last
// one returns, until a total is reached, which is how an eval runner with a concurrency limit
// drives a model endpoint.
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  elapsedMs: number;
  /** Milliseconds of each call, in completion order. */
  callMs: number[];
  /** Share of the time this process's event loop was busy: the clients', and a server's if it runs in this process. */
  eventLoopBusy: number;
}

export async function runClosedLoopLoad(total: number, clients: number, call: () => Promise<void>): Promise<LoadResult> {
  const callMs: number[] = [];
  let started = 0;
  const client = async () => {
    while (started < total) {
      started += 1;
      const callStart = performance.now();
      await call();
      callMs.push(performance.now() - callStart);
    }
  };
  const utilizationBefore = performance.eventLoopUtilization();
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const elapsedMs = performance.now() - start;
  return { elapsedMs, callMs, eventLoopBusy: performance.eventLoopUtilization(utilizationBefore).utilization };
}
