// Times a number of sequential calls, wall clock and this process's CPU, per call.
import { performance } from 'node:perf_hooks';

export interface CallTiming {
  /** Mean wall-clock milliseconds per call. */
  wallMs: number;
  /** Mean CPU milliseconds this process spent per call (the simulator runs in another process). */
  cpuMs: number;
}

export async function timeSequentialCalls(count: number, call: (index: number) => Promise<void>): Promise<CallTiming> {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  for (let index = 1; index <= count; index += 1) await call(index);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: wallMs / count, cpuMs: (cpu.user + cpu.system) / 1000 / count };
}
