// Runs one benchmark and gathers its outcome: its figures, or the error it threw (which counts as a
// missed target), and how long it took; here, or in a process of its own.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchmarkEntry } from './benchmarks.js';
import type { Benchmark, BenchmarkOutcome } from './harness/index.js';

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

export async function runBenchmark(benchmark: Benchmark, runs: number, prefix: string): Promise<BenchmarkOutcome> {
  log(`${prefix}: ${benchmark.description}`);
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  try {
    const figures = await benchmark.run({ runs, log: (message) => log(`${prefix}: ${message}`) });
    return { benchmark: benchmark.name, seconds: seconds(), figures };
  } catch (error) {
    log(`${prefix}: failed: ${error instanceof Error && error.stack ? error.stack : String(error)}`);
    return { benchmark: benchmark.name, seconds: seconds(), figures: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Runs it in a process of its own (bench/benchmark-process.ts, forked with this process's tsx
 * loader): the outcome, or an error outcome when that process ended without sending one.
 */
export function runBenchmarkInOwnProcess(benchmark: BenchmarkEntry, runs: number, prefix: string): Promise<BenchmarkOutcome> {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(new URL('./benchmark-process.ts', import.meta.url)), [benchmark.name, String(runs), prefix], {
      execArgv: process.execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let outcome: BenchmarkOutcome | undefined;
    child.on('message', (message) => {
      outcome = message as BenchmarkOutcome;
    });
    const settle = (problem: string) =>
      resolve(outcome ?? { benchmark: benchmark.name, seconds: (performance.now() - start) / 1000, figures: [], error: problem });
    child.on('error', (error) => settle(`its process could not run: ${error.message}`));
    child.on('exit', (code, signal) => settle(`its process ended with ${signal ?? `exit code ${String(code)}`} before reporting`));
  });
}
