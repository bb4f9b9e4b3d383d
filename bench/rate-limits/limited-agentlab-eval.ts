// One `agentlab eval` of the reply cases against the rate-limited simulator process, as a user runs it:
// its own process, the react agent, the simulator as a configured model with `rpm` in
// agentlab.config.yaml. Read back from its store: how long the run took by its own record, and how
// many results passed, failed or errored (errors are counted, not thrown: they are the figure).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openStore, type ResultTotals } from '../../store/index.js';
import { agentlabCommand, runMeasuredProcess, type ProcessMeasurement } from '../processes/index.js';
import { CONCURRENCY, EVAL_TIMEOUT_MS, RPM } from './constants.js';

export interface LimitedEvalRun {
  process: ProcessMeasurement;
  totals: ResultTotals;
  /** The run's own duration, from its record: without the process's start-up and report. */
  runMs: number;
}

export async function runLimitedAgentlabEval(options: { dataset: string; simBaseURL: string; folder: string }): Promise<LimitedEvalRun> {
  const config = ['models:', '  limited:', `    baseURL: ${options.simBaseURL}`, '    model: oracle', `    rpm: ${RPM}`, ''].join('\n');
  await writeFile(path.join(options.folder, 'agentlab.config.yaml'), config);
  const store = path.join(options.folder, 'agentlab.db');
  const args = [...agentlabCommand.args, 'eval', options.dataset, '--models', 'limited', '--agents', 'react', '--epochs', '1', '--concurrency', String(CONCURRENCY), '--store', store, '-q'];
  const environment: NodeJS.ProcessEnv = { ...process.env };
  delete environment.OTEL_EXPORTER_OTLP_ENDPOINT;
  const measured = await runMeasuredProcess(agentlabCommand.command, args, { cwd: options.folder, env: environment, timeoutMs: EVAL_TIMEOUT_MS });
  // Exit 1 is a failed gate (an error result fails the run): still measured. Anything else is broken.
  if (measured.exitCode !== 0 && measured.exitCode !== 1) {
    throw new Error(`agentlab eval exited with ${String(measured.exitCode)}: ${(measured.stderr || measured.stdout).trim().slice(-2000)}`);
  }
  const opened = openStore(store);
  try {
    const overviews = opened.runOverviews();
    if (overviews.length !== 1) throw new Error(`expected one run in ${store}, found ${overviews.length}; agentlab eval exited with ${String(measured.exitCode)}: ${(measured.stderr || measured.stdout).trim().slice(-2000)}`);
    const { run, totals } = overviews[0]!;
    if (run.finishedAt === undefined) throw new Error(`run ${run.id} ended ${run.status} without finishing`);
    return { process: measured, totals, runMs: run.finishedAt - run.startedAt };
  } finally {
    opened.close();
  }
}
