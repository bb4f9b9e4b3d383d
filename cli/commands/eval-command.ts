// `agentlab eval`: runs a golden dataset across agents × models × epochs into the store, then prints the
// summary with intervals, compares with a baseline, applies the gates and writes the CI outputs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { agentNames, type AgentName } from '../../agents/index.js';
import {
  compareRuns,
  EvalError,
  formatSummaryTable,
  loadDataset,
  parseShard,
  runEval,
  summarizeResults,
  toJsonReport,
  toJUnitXml,
  toMarkdown,
  type RunReport,
  type RunSummaryReport,
} from '../../eval/index.js';
import { DEFAULT_CONFIG_FILE_NAME, loadConfigFile, ModelProvider, type LatencyMode } from '../../models/index.js';
import type { LiveRunHub } from '../../reports/index.js';
import { defaultStorePath, openStore, type RunRecord, type Store } from '../../store/index.js';
import { captureContentFromEnvironment, setupTracing } from '../../tracing/index.js';
import type { CliContext } from '../cli-context.js';
import { DEFAULT_REPORT_HOST, DEFAULT_REPORT_PORT, EXIT_FAILURE, EXIT_USAGE } from '../constants.js';
import { CommandExit } from '../errors.js';
import { createEvalProgressRenderer } from '../eval-progress-renderer.js';
import { currentGitCommit } from '../git-commit.js';
import { listOf, parseInteger, parseLatency, parsePort, parsePositiveInteger } from '../option-parsers.js';
import { packageVersion } from '../package-version.js';
import { startReportServer, type RunningReportServer } from '../report-server.js';

export const bundledDataset = fileURLToPath(new URL('../../datasets/golden/agent-tasks.jsonl', import.meta.url));
const defaultModels = ['sim:strong', 'sim:weak'];
const defaultEpochs = 3;
const defaultConcurrency = 4;
const defaultSeed = 1;
const defaultCaseTimeoutMs = 120_000;

interface EvalCommandOptions {
  agents: AgentName[];
  models: string[];
  epochs: number;
  concurrency: number;
  seed: number;
  timeout: number;
  latency: LatencyMode;
  store: string;
  config?: string;
  resume?: string;
  shard?: string;
  filter?: string;
  minSuccess?: number;
  baseline?: string;
  failOnRegression?: boolean;
  junit?: string;
  markdown?: string;
  json?: string;
  otlp?: string;
  captureContent?: boolean;
  quiet?: boolean;
  serve?: boolean;
  port: number;
  host: string;
  token?: string;
}

function parseRate(value: string): number {
  const number = value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 1) throw new InvalidArgumentError(`expected a rate from 0 to 1 (or a percentage such as 80%), got "${value}"`);
  return number;
}

function parseModels(value: string): string[] {
  const models = value.split(',').map((model) => model.trim()).filter(Boolean);
  if (models.length === 0) throw new InvalidArgumentError('expected at least one model reference');
  return models;
}

const examples = `
Examples:
  $ agentlab eval                                        the bundled golden dataset, all agents, sim:strong and sim:weak
  $ agentlab eval my-cases.jsonl --models openai:gpt-4o-mini,openai:gpt-4.1-mini --epochs 5
  $ agentlab eval --baseline latest --fail-on-regression --min-success 0.8 --junit junit.xml --markdown summary.md
  $ agentlab eval --filter tag:search,calc-* --agents react --shard 1/4
  $ agentlab eval --resume run-20261124-031500-a1b2c3

Exit code 0 when the gates hold, 1 when one fails (or the run was interrupted), 2 for bad
arguments or an invalid dataset. Results go to the store (${defaultStorePath}) as they finish.
`;

export function createEvalCommand(context: CliContext): Command {
  return new Command('eval')
    .description('Evaluate agents on a golden dataset across models and epochs, with intervals, baselines and gates.')
    .argument('[dataset]', 'a .jsonl or .csv golden dataset (default: the bundled datasets/golden/agent-tasks.jsonl)')
    .addOption(new Option('--agents <names>', `agents to run: ${agentNames.join(', ')}`).argParser(listOf(agentNames, 'agent')))
    .addOption(new Option('--models <references>', 'comma-separated model references').default(defaultModels, defaultModels.join(',')).argParser(parseModels))
    .addOption(new Option('--epochs <count>', 'times each case runs per agent and model (pass^k needs more than one)').default(defaultEpochs).argParser(parsePositiveInteger))
    .addOption(new Option('--concurrency <count>', 'cases run at once').default(defaultConcurrency).argParser(parsePositiveInteger))
    .addOption(new Option('--seed <number>', 'run seed; every case seed derives from it, so a run reproduces').default(defaultSeed).argParser(parseInteger))
    .addOption(new Option('--timeout <ms>', 'a case that takes longer is an error').default(defaultCaseTimeoutMs).argParser(parsePositiveInteger))
    .addOption(new Option('--latency <mode>', 'simulator latency for sim: models: zero, realistic, fast (realistic ÷ 20), or milliseconds').default('fast').argParser(parseLatency))
    .option('--store <path>', 'SQLite file the results go to', defaultStorePath)
    .option('-c, --config <file>', `config file (default: ./${DEFAULT_CONFIG_FILE_NAME} if present)`)
    .option('--resume <run-id>', 'finish an interrupted run: only the missing results are run')
    .option('--shard <i/n>', 'run only the i-th of n slices of the matrix')
    .option('--filter <terms>', 'cases to run: ids (with * wildcards) or tag:<name>, comma-separated')
    .addOption(new Option('--min-success <rate>', 'gate: the overall success rate must reach this (0-1 or 80%)').argParser(parseRate))
    .option('--baseline <run-id|latest>', 'compare with this run (latest: the newest completed run on the same dataset)')
    .option('--fail-on-regression', 'gate: fail when the comparison with the baseline says regressed')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--markdown <file>', 'write a Markdown summary (for a CI step summary)')
    .option('--json <file>', 'write the full report as JSON')
    .option('--otlp <url>', 'also send traces over OTLP/HTTP (default: OTEL_EXPORTER_OTLP_ENDPOINT)')
    .option('--capture-content', 'record messages and tool arguments on spans')
    .option('-q, --quiet', 'no progress output')
    .option('--serve', 'serve the report while the eval runs (live progress) and afterwards, until Ctrl+C')
    .addOption(new Option('-p, --port <port>', 'report server port, with --serve').default(DEFAULT_REPORT_PORT).argParser(parsePort))
    .option('--host <address>', 'report server interface, with --serve', DEFAULT_REPORT_HOST)
    .option('--token <token>', 'with --serve: require Authorization: Bearer <token> on writes (default: AGENTLAB_SERVE_TOKEN)')
    .addHelpText('after', examples)
    .action(async (datasetArgument: string | undefined, options: EvalCommandOptions) => {
      if (options.shard !== undefined && !parseShard(options.shard)) {
        throw new CommandExit(EXIT_USAGE, `--shard must look like 2/4 (the 2nd of 4 slices), got "${options.shard}"`);
      }
      const dataset = await loadDataset(datasetArgument ?? bundledDataset, { cwd: context.cwd });
      const { config } = await loadConfigFile({ cwd: context.cwd, path: options.config });
      const store = openStore(path.resolve(context.cwd, options.store));
      const provider = new ModelProvider({ config, latency: options.latency, env: context.env });
      const tracing = setupTracing({ environment: context.env, otlpUrl: options.otlp, sinks: [store.spanSink()], version: packageVersion });
      const stopping = new AbortController();
      let finished = false;
      void context.waitForStop().then((signal) => {
        if (finished) return;
        context.writeError(`\nReceived ${signal}: finishing the cases under way, then stopping.\n`);
        stopping.abort();
      });
      const progress = createEvalProgressRenderer(context, options.quiet === true);
      let liveRuns: LiveRunHub | undefined;
      let server: RunningReportServer | undefined;
      try {
        if (options.serve) {
          // The report server's modules load only when serving; a plain eval never needs them.
          const { LiveRunHub } = await import('../../reports/index.js');
          liveRuns = new LiveRunHub();
          const token = options.token ?? context.env.AGENTLAB_SERVE_TOKEN;
          server = await startReportServer({ store, host: options.host, port: options.port, liveRuns, ...(token ? { token } : {}) });
        }
        const outcome = await runEval({
          dataset,
          store,
          provider,
          config: {
            agents: options.agents ?? [...agentNames],
            models: options.models,
            epochs: options.epochs,
            concurrency: options.concurrency,
            seed: options.seed,
            caseTimeoutMs: options.timeout,
            ...(options.shard ? { shard: options.shard } : {}),
            ...(options.filter ? { filter: options.filter } : {}),
          },
          ...(options.resume ? { resumeRunId: store.resolveRunId(options.resume) } : {}),
          tracer: tracing.tracer,
          captureContent: options.captureContent === true || captureContentFromEnvironment(context.env),
          signal: stopping.signal,
          onProgress: (event) => {
            progress.onEvent(event);
            liveRuns?.publish(event);
            if (event.type === 'eval-start' && server) context.writeError(`Live report: ${server.url}/runs/${event.run.id}\n`);
          },
          gitCommit: await currentGitCommit(context.cwd, context.env),
        });
        finished = true;
        progress.stop();
        await tracing.forceFlush();
        const report = summarizeRun(store, outcome.run, options);
        context.writeOut(`\n${formatSummaryTable(report)}\n`);
        await writeOutputs(context, store, report, options);
        if (server && !outcome.interrupted) {
          context.writeOut(`\nReport: ${server.url}/runs/${outcome.run.id}  (serving until Ctrl+C)\n`);
          await context.waitForStop();
        }
        if (outcome.interrupted) throw new CommandExit(EXIT_FAILURE, `interrupted; finish it with: agentlab eval --resume ${outcome.run.id}`);
        const failedGates = report.gates.filter((gate) => !gate.passed);
        if (failedGates.length > 0) throw new CommandExit(EXIT_FAILURE, `gate failed: ${failedGates.map((gate) => gate.detail).join('; ')}`);
      } finally {
        finished = true;
        progress.stop();
        await server?.close();
        await tracing.shutdown();
        await provider.close();
        store.close();
      }
    });
}

function findBaseline(store: Store, run: RunRecord, baseline: string): RunRecord | undefined {
  if (baseline === 'latest') return store.latestRun({ datasetHash: run.datasetHash, status: 'completed', excludeId: run.id });
  const found = store.getRun(store.resolveRunId(baseline));
  if (!found) throw new EvalError('AGENTLAB_BASELINE_NOT_FOUND', `there is no baseline run ${baseline} in ${store.path}`);
  return found;
}

// Statistics read the light outcomes of the results, so that a run of 100,000 results is summarised
// without holding their checks and outputs in memory.
function summarizeRun(store: Store, run: RunRecord, options: EvalCommandOptions): RunSummaryReport {
  const outcomes = store.caseOutcomes(run.id);
  // pass^k over the epochs asked for; a case with fewer graded epochs (errors) is left out of it.
  const { groups, overall } = summarizeResults(outcomes, { k: run.config.epochs });
  const gates: RunReport['gates'] = [];
  let comparison: RunReport['comparison'];
  let baselineNote: string | undefined;
  if (options.baseline) {
    const baseline = findBaseline(store, run, options.baseline);
    if (baseline) comparison = { baselineRunId: baseline.id, result: compareRuns(store.caseOutcomes(baseline.id), outcomes) };
    else baselineNote = 'no earlier completed run on this dataset to compare with';
  }
  if (options.minSuccess !== undefined) {
    const rate = overall.successRate.rate;
    gates.push({ gate: 'min-success', passed: Number.isFinite(rate) && rate >= options.minSuccess, detail: `success rate ${(rate * 100).toFixed(1)}% (minimum ${(options.minSuccess * 100).toFixed(1)}%)` });
  }
  if (options.failOnRegression) {
    const verdict = comparison?.result.verdict;
    gates.push({
      gate: 'no-regression',
      passed: verdict !== 'regressed',
      detail: comparison ? `against ${comparison.baselineRunId}: ${verdict} (p = ${comparison.result.pValue.toPrecision(3)})` : (baselineNote ?? 'no baseline given'),
    });
  }
  return { run, groups, overall, ...(comparison ? { comparison } : {}), gates };
}

/** The outputs that list every result; the results are read from the store only when one is asked for. */
async function writeOutputs(context: CliContext, store: Store, summary: RunSummaryReport, options: EvalCommandOptions): Promise<void> {
  if (!options.junit && !options.markdown && !options.json) return;
  const report: RunReport = { ...summary, results: store.caseResults(summary.run.id) };
  const outputs: Array<[string | undefined, () => string]> = [
    [options.junit, () => toJUnitXml(report)],
    [options.markdown, () => toMarkdown(report)],
    [options.json, () => `${JSON.stringify(toJsonReport(report), null, 2)}\n`],
  ];
  for (const [file, render] of outputs) {
    if (!file) continue;
    const target = path.resolve(context.cwd, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, render());
    context.writeError(`Wrote ${file}\n`);
  }
}
