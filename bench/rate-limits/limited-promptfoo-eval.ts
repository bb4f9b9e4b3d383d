// One `promptfoo eval` of the same cases against the same rate-limited simulator, with promptfoo's own
// handling of 429s (its OpenAI provider retries them with backoff): its wall time and how many cases
// passed, failed or errored, read from its output. Not required to pass: its errors are the figure.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runMeasuredProcess, type ProcessMeasurement } from '../processes/index.js';
import type { ReplyCase } from '../workloads/index.js';
import { CONCURRENCY, EVAL_TIMEOUT_MS } from './constants.js';

export interface PromptfooRun {
  process: ProcessMeasurement;
  successes: number;
  failures: number;
  errors: number;
  /** The first error promptfoo recorded, to show what its errors were. */
  firstError?: string;
}

interface PromptfooOutput {
  results: { stats: { successes: number; failures: number; errors: number }; results: Array<{ error?: string }> };
}

export async function runLimitedPromptfooEval(options: { entryPoint: string; cases: readonly ReplyCase[]; simBaseURL: string; folder: string }): Promise<PromptfooRun> {
  const configPath = path.join(options.folder, 'promptfooconfig.json');
  const config = {
    description: 'promptfoo against a rate-limited agentlab simulator',
    prompts: ['{{goal}}'],
    providers: [{ id: 'openai:chat:oracle', config: { apiBaseUrl: options.simBaseURL, apiKey: 'sk-bench' } }],
    tests: options.cases.map(({ goal, expected }) => ({ vars: { goal }, assert: [{ type: 'contains', value: expected }] })),
  };
  await writeFile(configPath, JSON.stringify(config));
  const outputPath = path.join(options.folder, 'out.json');
  const configDirectory = path.join(options.folder, 'promptfoo-config');
  await mkdir(configDirectory);
  const args = [options.entryPoint, 'eval', '-c', configPath, '--no-cache', '-j', String(CONCURRENCY), '--no-progress-bar', '--no-table', '-o', outputPath];
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    PROMPTFOO_DISABLE_TELEMETRY: '1',
    PROMPTFOO_DISABLE_UPDATE: '1',
    PROMPTFOO_CONFIG_DIR: configDirectory,
    PROMPTFOO_DISABLE_DEBUG_LOG: '1',
  };
  const measured = await runMeasuredProcess(process.execPath, args, { cwd: options.folder, env: environment, timeoutMs: EVAL_TIMEOUT_MS });
  // promptfoo exits 100 when a test fails: still measured, from its output.
  let output: PromptfooOutput;
  try {
    output = JSON.parse(await readFile(outputPath, 'utf8')) as PromptfooOutput;
  } catch (error) {
    throw new Error(`promptfoo exited with ${String(measured.exitCode)} and no readable output (${(error as Error).message}): ${(measured.stderr || measured.stdout).trim().slice(-2000)}`);
  }
  const { successes, failures, errors } = output.results.stats;
  const firstError = output.results.results.find((result) => result.error)?.error;
  return { process: measured, successes, failures, errors, ...(firstError ? { firstError: firstError.slice(0, 200) } : {}) };
}
