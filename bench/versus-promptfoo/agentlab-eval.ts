// One measured `agentlab eval` of the reply cases against the simulator process, as a user runs it:
// its own process, the react agent, tracing on with spans and results going to a fresh SQLite store.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { agentlabCommand, runMeasuredProcess } from '../processes/index.js';
import { EVAL_TIMEOUT_MS, SIM_API_KEY, SIM_MODEL } from './constants.js';
import { requireEveryCasePassed, requireExitZero, type EvalSample } from './eval-sample.js';
import type { ReplyCase } from '../workloads/index.js';

export interface AgentlabEvalOptions {
  datasetPath: string;
  cases: readonly ReplyCase[];
  concurrency: number;
  simBaseURL: string;
  /** An empty folder for this run's store and report. */
  runDirectory: string;
}

/** The parts of the `--json` report (eval/outputs/json-report.ts) the checks read. */
interface AgentlabJsonReport {
  run: { status: string };
  overall: { results: number; passed: number; failed: number; errors: number };
  results: Array<{ caseId: string; status: string; output: string }>;
}

async function readReport(reportPath: string, cases: readonly ReplyCase[]): Promise<void> {
  const report = JSON.parse(await readFile(reportPath, 'utf8')) as AgentlabJsonReport;
  const where = `agentlab report ${reportPath}`;
  if (report.run.status !== 'completed') throw new Error(`${where}: run status is ${report.run.status}, not completed`);
  const { passed, failed, errors } = report.overall;
  if (passed !== cases.length) throw new Error(`${where}: ${passed} passed, ${failed} failed, ${errors} errors of ${cases.length} cases`);
  requireEveryCasePassed(
    where,
    cases,
    report.results.map((result) => ({ key: result.caseId, passed: result.status === 'pass', output: result.output })),
    (replyCase) => replyCase.id,
  );
}

export async function runAgentlabEval(options: AgentlabEvalOptions): Promise<EvalSample> {
  const reportPath = path.join(options.runDirectory, 'report.json');
  const args = [
    ...agentlabCommand.args,
    'eval',
    options.datasetPath,
    ...['--models', `openai:${SIM_MODEL}`, '--agents', 'react', '--epochs', '1'],
    ...['--concurrency', String(options.concurrency)],
    ...['--store', path.join(options.runDirectory, 'agentlab.db'), '--json', reportPath, '-q'],
  ];
  const environment: NodeJS.ProcessEnv = { ...process.env, OPENAI_BASE_URL: options.simBaseURL, OPENAI_API_KEY: SIM_API_KEY };
  // Spans go to the store only, as by default; an OTLP endpoint set in the shell would add an export.
  delete environment.OTEL_EXPORTER_OTLP_ENDPOINT;
  const measurement = await runMeasuredProcess(agentlabCommand.command, args, { cwd: options.runDirectory, env: environment, timeoutMs: EVAL_TIMEOUT_MS });
  requireExitZero('agentlab', measurement);
  await readReport(reportPath, options.cases);
  return { wallMs: measurement.wallMs, peakRssBytes: measurement.peakRssBytes, cpuMs: measurement.cpuMs };
}
