// One benchmark in a process of its own: `npm run bench` forks this file for each benchmark it runs,
// so a benchmark measuring per-call microseconds (the model proxy, OTLP ingest) starts on a fresh
// heap and event loop instead of on what the benchmarks before it left (their caches, garbage and
// open handles). Arguments: the benchmark's name, the runs, the progress prefix. The outcome goes
// back to the parent over the IPC channel; progress goes to stderr as before.
import { benchmarks, loadBenchmark } from './benchmarks.js';
import { runBenchmark } from './run-benchmark.js';

const [name, runs, prefix] = process.argv.slice(2);
const entry = benchmarks.find((candidate) => candidate.name === name);
if (entry === undefined || runs === undefined || prefix === undefined || typeof process.send !== 'function') {
  process.stderr.write(`bench: ${name ?? '(no name)'} is not a benchmark, or this was not started by bench/run.ts\n`);
  process.exit(2);
}
const outcome = await runBenchmark(await loadBenchmark(entry), Number(runs), prefix);
process.send(outcome, () => process.exit(0));
