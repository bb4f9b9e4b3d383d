// `npm run bench`: runs every benchmark (or those named with --only) in sequence, each in a process
// of its own (bench/run-benchmark.ts), prints one table of figures, targets and whether each is met
// to stdout and progress to stderr, and exits 1 when a target is missed or a benchmark fails (2 for
// a bad command line).
import { writeFile } from 'node:fs/promises';
import { benchUsage, readBenchOptions, reproducingCommand } from './bench-options.js';
import { benchmarks, loadBenchmark, scheduleBenchmarks } from './benchmarks.js';
import { runBenchmarkInOwnProcess } from './run-benchmark.js';
import {
  countResults,
  describeMachine,
  localDate,
  machineSummary,
  reportJson,
  resultRows,
  resultsMarkdown,
  summaryLine,
  textTable,
  type BenchmarkOutcome,
} from './harness/index.js';

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<number> {
  const names = benchmarks.map((benchmark) => benchmark.name);
  const options = readBenchOptions(process.argv.slice(2), names);
  if ('problem' in options) {
    log(`bench: ${options.problem}\n\n${benchUsage(names)}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${benchUsage(names)}\n`);
    return 0;
  }
  if (options.list) {
    for (const entry of benchmarks) {
      const benchmark = await loadBenchmark(entry);
      process.stdout.write(`${benchmark.name}  ${benchmark.description}\n`);
    }
    return 0;
  }

  const selected = options.only.length === 0 ? benchmarks : benchmarks.filter((benchmark) => options.only.includes(benchmark.name));
  const machine = describeMachine();
  log(`bench: ${selected.length} benchmark(s), ${options.runs} runs each, on ${machineSummary(machine)}`);
  const start = performance.now();
  const outcomes: BenchmarkOutcome[] = [];
  let started = 0;
  for (const group of scheduleBenchmarks(selected)) {
    if (group.length > 1) log(`bench: ${group.map((entry) => entry.name).join(', ')} at the same time (each waits on latency or a rate limit nearly all the time)`);
    const prefixes = group.map((entry) => `[${(started += 1)}/${selected.length}] ${entry.name}`);
    outcomes.push(...(await Promise.all(group.map((entry, index) => runBenchmarkInOwnProcess(entry, options.runs, prefixes[index]!)))));
  }
  const seconds = (performance.now() - start) / 1000;

  const counts = countResults(outcomes);
  process.stdout.write(`\n${textTable(resultRows(outcomes))}\n\n${summaryLine(counts, seconds)}\n`);
  const report = { date: localDate(new Date()), command: reproducingCommand(options), machine, runs: options.runs, seconds, outcomes };
  if (options.json) await writeFile(options.json, reportJson(report));
  if (options.markdown) await writeFile(options.markdown, resultsMarkdown(report));
  return counts.missed === 0 && counts.failedBenchmarks === 0 ? 0 : 1;
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    log(`bench: ${error instanceof Error && error.stack ? error.stack : String(error)}`);
    process.exitCode = 1;
  },
);
