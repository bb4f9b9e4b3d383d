// The command line of `npm run bench`: which benchmarks, how many runs, where to write results.
import { parseArgs } from 'node:util';

export const defaultRuns = 3;
/** Fewer than three runs has no meaningful median. */
export const minimumRuns = 3;

export interface BenchOptions {
  /** Benchmark names to run; empty runs all. */
  only: string[];
  runs: number;
  json?: string;
  markdown?: string;
  list: boolean;
  help: boolean;
}

export function benchUsage(benchmarkNames: readonly string[]): string {
  return `Usage: npm run bench -- [options]

Options:
  --only <name>      run only this benchmark (repeat it, or separate names with commas)
  --runs <n>         measured runs (alternations) per figure, at least ${minimumRuns} (default ${defaultRuns})
  --json <file>      also write the figures as JSON
  --markdown <file>  also write the results as Markdown (bench/RESULTS.md is made this way)
  --list             list the benchmarks and exit
  --help             show this help

Benchmarks: ${benchmarkNames.join(', ')}`;
}

/** The options, or the problem with the command line as a sentence for the user. */
export function readBenchOptions(args: readonly string[], benchmarkNames: readonly string[]): BenchOptions | { problem: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        only: { type: 'string', multiple: true },
        runs: { type: 'string' },
        json: { type: 'string' },
        markdown: { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  const runs = values.runs === undefined ? defaultRuns : Number(values.runs);
  if (!Number.isInteger(runs) || runs < minimumRuns) {
    return { problem: `--runs must be a whole number of at least ${minimumRuns}, got ${values.runs}` };
  }
  const only = (values.only ?? []).flatMap((names) => names.split(',')).map((name) => name.trim()).filter(Boolean);
  const unknown = only.filter((name) => !benchmarkNames.includes(name));
  if (unknown.length > 0) return { problem: `no benchmark named ${unknown.join(', ')}; there are: ${benchmarkNames.join(', ')}` };
  return { only, runs, json: values.json, markdown: values.markdown, list: values.list ?? false, help: values.help ?? false };
}

/** The command that reproduces a run with these options (output files left out). */
export function reproducingCommand(options: BenchOptions): string {
  const flags: string[] = [];
  if (options.only.length > 0) flags.push(`--only ${options.only.join(',')}`);
  if (options.runs !== defaultRuns) flags.push(`--runs ${options.runs}`);
  return flags.length === 0 ? 'npm run bench' : `npm run bench -- ${flags.join(' ')}`;
}
