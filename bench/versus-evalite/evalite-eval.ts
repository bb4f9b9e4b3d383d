// One measured `evalite run` of the reply cases against the simulator process: its own process (and
// the vitest workers it starts), results written to its own SQLite file and a JSON output, every case
// checked in that output.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runMeasuredProcess } from '../processes/index.js';
import { EVAL_TIMEOUT_MS } from '../versus-promptfoo/constants.js';
import { requireEveryCasePassed, requireExitZero, type EvalSample } from '../versus-promptfoo/index.js';
import type { ReplyCase } from '../workloads/index.js';
import { writeEvaliteInputs } from './evalite-inputs.js';

export interface EvaliteEvalOptions {
  /** evalite's CLI script, from ensurePeerCommand. */
  entryPoint: string;
  cases: readonly ReplyCase[];
  concurrency: number;
  simBaseURL: string;
  /** An empty folder outside the repository for this run's eval, database and output. */
  runDirectory: string;
}

/** The parts of evalite's `--outputPath` JSON the checks read. */
interface EvaliteOutput {
  evals: Array<{ status: string; results: Array<{ input: string; output: unknown; status: string; scores: Array<{ score: number }> }> }>;
}

async function readOutput(outputPath: string, cases: readonly ReplyCase[]): Promise<void> {
  const output = JSON.parse(await readFile(outputPath, 'utf8')) as EvaliteOutput;
  const where = `evalite output ${outputPath}`;
  if (output.evals.length !== 1) throw new Error(`${where}: ${output.evals.length} evals, expected 1`);
  requireEveryCasePassed(
    where,
    cases,
    output.evals[0]!.results.map((result) => ({
      key: result.input,
      passed: result.status === 'success' && result.scores.length === 1 && result.scores[0]!.score === 1,
      output: typeof result.output === 'string' ? result.output : JSON.stringify(result.output),
    })),
    (replyCase) => replyCase.goal,
  );
}

export async function runEvaliteEval(options: EvaliteEvalOptions): Promise<EvalSample> {
  await writeEvaliteInputs(options.runDirectory, options.cases, options.concurrency);
  const outputPath = path.join(options.runDirectory, 'out.json');
  const args = [options.entryPoint, 'run', '--outputPath', outputPath, '--hideTable'];
  const environment: NodeJS.ProcessEnv = { ...process.env, BENCH_SIM_BASE_URL: options.simBaseURL };
  const measurement = await runMeasuredProcess(process.execPath, args, { cwd: options.runDirectory, env: environment, timeoutMs: EVAL_TIMEOUT_MS });
  requireExitZero('evalite', measurement);
  await readOutput(outputPath, options.cases);
  return { wallMs: measurement.wallMs, peakRssBytes: measurement.peakRssBytes, cpuMs: measurement.cpuMs };
}
