// Runs `agentlab eval` as a user would, as its own process against a simulator process, measured
// (wall time, peak RSS), and reads back from its store the run it made: when it started and finished
// and how many results passed, so an eval whose cases failed or errored can't pass as fast.
import { statSync } from 'node:fs';
import { openStore, type ResultTotals, type RunRecord } from '../../store/index.js';
import { agentlabCommand, runMeasuredProcess, type ProcessMeasurement } from '../processes/index.js';

export interface CliEvalOptions {
  dataset: string;
  /** A fresh SQLite file for this run. */
  store: string;
  simBaseURL: string;
  concurrency: number;
  /** Where the process runs: a folder without an agentlab config file. */
  cwd: string;
  epochs?: number;
  timeoutMs?: number;
}

export interface CliEvalRun {
  process: ProcessMeasurement;
  run: RunRecord;
  totals: ResultTotals;
  /** The run's own duration, from its record: the eval without the process's start-up and report. */
  runMs: number;
  /** The store file and its write-ahead log, as the process left them. */
  storeBytes: number;
}

/** The model the cases run on: the simulator's `oracle` profile, reached as an OpenAI endpoint. */
const modelReference = 'openai:oracle';

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function evalArguments(options: CliEvalOptions): string[] {
  return [
    ...agentlabCommand.args,
    'eval',
    options.dataset,
    '--models',
    modelReference,
    '--agents',
    'react',
    '--epochs',
    String(options.epochs ?? 1),
    '--concurrency',
    String(options.concurrency),
    '--store',
    options.store,
    '-q',
  ];
}

/** Runs the eval and checks that it completed with every one of `expectedResults` passed. */
export async function runCliEval(options: CliEvalOptions, expectedResults: number): Promise<CliEvalRun> {
  const env = { ...process.env, OPENAI_BASE_URL: options.simBaseURL, OPENAI_API_KEY: 'sk-bench' };
  const measured = await runMeasuredProcess(agentlabCommand.command, evalArguments(options), { cwd: options.cwd, env, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  if (measured.exitCode !== 0) {
    throw new Error(`agentlab eval exited with ${String(measured.exitCode)}: ${(measured.stderr || measured.stdout).trim().slice(-2000)}`);
  }
  const storeBytes = fileSize(options.store) + fileSize(`${options.store}-wal`);
  const store = openStore(options.store);
  try {
    const overviews = store.runOverviews();
    if (overviews.length !== 1) throw new Error(`expected one run in ${options.store}, found ${overviews.length}`);
    const { run, totals } = overviews[0]!;
    if (run.status !== 'completed' || run.finishedAt === undefined) throw new Error(`run ${run.id} ended ${run.status}`);
    if (run.plannedResults !== expectedResults || totals.results !== expectedResults || totals.passed !== expectedResults) {
      throw new Error(`run ${run.id}: expected ${expectedResults} passed results, got ${totals.passed} passed, ${totals.failed} failed, ${totals.errors} errors of ${totals.results} (${run.plannedResults} planned)`);
    }
    return { process: measured, run, totals, runMs: run.finishedAt - run.startedAt, storeBytes };
  } finally {
    store.close();
  }
}
