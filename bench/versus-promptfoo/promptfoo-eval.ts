// One measured `promptfoo eval` of the reply cases against the simulator process: its own process,
// no response cache, no debug log file, results written to its own database in a fresh config folder,
// never ~/.promptfoo.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { runMeasuredProcess } from '../processes/index.js';
import { EVAL_TIMEOUT_MS } from './constants.js';
import { requireEveryCasePassed, requireExitZero, type EvalSample } from './eval-sample.js';
import type { ReplyCase } from '../workloads/index.js';

export interface PromptfooEvalOptions {
  /** promptfoo's CLI script, from ensurePromptfoo. */
  entryPoint: string;
  configPath: string;
  cases: readonly ReplyCase[];
  concurrency: number;
  /** An empty folder for this run's config folder (and database) and output file. */
  runDirectory: string;
}

/** The parts of promptfoo's `-o out.json` output the checks read. */
interface PromptfooOutput {
  results: {
    stats: { successes: number; failures: number; errors: number };
    results: Array<{ success: boolean; vars: { goal: string }; response?: { output?: unknown }; error?: string }>;
  };
}

async function readOutput(outputPath: string, cases: readonly ReplyCase[]): Promise<void> {
  const output = JSON.parse(await readFile(outputPath, 'utf8')) as PromptfooOutput;
  const where = `promptfoo output ${outputPath}`;
  const { successes, failures, errors } = output.results.stats;
  if (successes !== cases.length) throw new Error(`${where}: ${successes} passed, ${failures} failed, ${errors} errors of ${cases.length} cases`);
  requireEveryCasePassed(
    where,
    cases,
    output.results.results.map((result) => ({
      key: result.vars.goal,
      passed: result.success,
      output: typeof result.response?.output === 'string' ? result.response.output : `(no text output${result.error ? `: ${result.error}` : ''})`,
    })),
    (replyCase) => replyCase.goal,
  );
}

export async function runPromptfooEval(options: PromptfooEvalOptions): Promise<EvalSample> {
  const outputPath = path.join(options.runDirectory, 'out.json');
  const configDirectory = path.join(options.runDirectory, 'promptfoo-config');
  await mkdir(configDirectory);
  const args = [
    options.entryPoint,
    'eval',
    ...['-c', options.configPath, '--no-cache', '-j', String(options.concurrency)],
    ...['--no-progress-bar', '--no-table', '-o', outputPath],
  ];
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    PROMPTFOO_DISABLE_TELEMETRY: '1',
    PROMPTFOO_DISABLE_UPDATE: '1',
    PROMPTFOO_CONFIG_DIR: configDirectory,
    // promptfoo 0.121.20 writes a debug log file of every request (about 5 MB per run) and now and
    // then crashes as it closes it ("write after end", promptfoo PR #6625, winston issue #2219).
    // Without it promptfoo does less work, so the comparison only gets harder for agentlab.
    PROMPTFOO_DISABLE_DEBUG_LOG: '1',
  };
  const measurement = await runMeasuredProcess(process.execPath, args, { cwd: options.runDirectory, env: environment, timeoutMs: EVAL_TIMEOUT_MS });
  requireExitZero('promptfoo', measurement);
  await readOutput(outputPath, options.cases);
  return { wallMs: measurement.wallMs, peakRssBytes: measurement.peakRssBytes, cpuMs: measurement.cpuMs };
}
