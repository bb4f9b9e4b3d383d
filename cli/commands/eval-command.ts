// `agentlab eval`: runs a golden dataset across agents × models × epochs into the store, then prints the
// summary with intervals, compares with a baseline, applies the gates and writes the CI outputs.
// The work is evaluate()'s, shared with the programmatic API; this adds the terminal, --serve and exit codes.
import { Command, InvalidArgumentError, Option } from 'commander';
import { agentNames } from '../../agents/index.js';
import { DEFAULT_MAX_ERRORS, defaultCaseTimeoutMs, defaultConcurrency, defaultEpochs, defaultModels, defaultSeed, evaluate, shardProblem } from '../../eval/index.js';
import { DEFAULT_CONFIG_FILE_NAME, loadConfigFile, type LatencyMode } from '../../models/index.js';
import type { LiveRunHub } from '../../reports/index.js';
import { defaultStorePath, type StoreBackend } from '../../store/index.js';
import { openCommandStore, storeOptionHelp } from '../command-store.js';
import type { CliContext } from '../cli-context.js';
import { parseNamespace } from './memory-options.js';
import { DEFAULT_REPORT_HOST, DEFAULT_REPORT_PORT, EXIT_FAILURE } from '../constants.js';
import { CommandExit } from '../errors.js';
import { confidenceThresholdOption, describeQueuedReviews, formatCalibrationTable } from '../confidence-option.js';
import { createEvalProgressRenderer } from '../eval-progress-renderer.js';
import { describeInterruption, describeStop, trackEvalState } from '../eval-stop-messages.js';
import { parseFraction, parseInteger, parseLatency, parsePort, parsePositiveInteger, parseRate } from '../option-parsers.js';
import { startReportServer, type RunningReportServer } from '../report-server.js';
import { createReviewMemory } from '../review-memory.js';
import { toTerminalText } from '../terminal-text.js';

interface EvalCommandOptions {
  agents?: string[];
  models: string[];
  epochs: number;
  concurrency: number;
  seed: number;
  timeout: number;
  latency: LatencyMode;
  store?: string;
  config?: string;
  resume?: string;
  retryErrors?: string;
  shard?: string;
  runId?: string;
  filter?: string;
  record?: string;
  replay?: string;
  replayMissing?: 'error' | 'record';
  minSuccess?: number;
  maxErrors: number;
  baseline?: string;
  failOnRegression?: boolean;
  junit?: string;
  markdown?: string;
  json?: string;
  otlp?: string;
  captureContent?: boolean;
  compressAt?: number;
  /** false with --no-compress. */
  compress: boolean;
  memory?: boolean;
  memoryNamespace?: string;
  episodes?: boolean;
  embeddingModel?: string;
  /** false with --no-lessons. */
  lessons: boolean;
  confidenceThreshold?: number;
  quiet?: boolean;
  serve?: boolean;
  port: number;
  host: string;
  token?: string;
}

function parseShardOption(value: string): string {
  const problem = shardProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value.trim();
}

function parseModels(value: string): string[] {
  const models = value.split(',').map((model) => model.trim()).filter(Boolean);
  if (models.length === 0) throw new InvalidArgumentError('expected at least one model reference');
  return models;
}

/** --agents may be repeated; each value is split on commas once the config is known. */
function collectAgents(value: string, previous: string[] | undefined): string[] {
  if (value.trim() === '') throw new InvalidArgumentError('expected at least one agent reference');
  return [...(previous ?? []), value];
}

const examples = `
Examples:
  $ agentlab eval                                        the bundled golden dataset, all agents, sim:strong and sim:weak
  $ agentlab eval my-cases.jsonl --models openai:gpt-4o-mini,openai:gpt-4.1-mini --epochs 5
  $ agentlab eval --baseline latest --fail-on-regression --min-success 0.8 --junit junit.xml --markdown summary.md
  $ agentlab eval --filter tag:search,calc-* --agents react --shard 1/4
  $ agentlab eval --shard 2/4 --run-id nightly-1234 --store shared.db   one of 4 CI jobs writing one run
  $ agentlab eval --shard 2/4 --run-id nightly-1234 --store postgres://ci@db.internal/agentlab   the same, jobs on many machines
  $ agentlab eval datasets/golden/long-tasks.jsonl --models sim:small --no-compress   long tasks overflowing an 8K window
  $ agentlab eval --resume run-20261124-031500-a1b2c3          on the dataset the run recorded
  $ agentlab eval --retry-errors run-20261124-031500-a1b2c3    once the endpoint is back
  $ agentlab eval cases.jsonl --agents module:./my-agent.ts --models sim:strong,openai:gpt-4o-mini
  $ agentlab eval cases.jsonl --agents "command:python3 agent.py" --agents http:http://127.0.0.1:8000/run
  $ agentlab eval --models sim:weak --confidence-threshold 0.85 --markdown summary.md   rate answers, queue the unsure, calibration
  $ agentlab eval cases.jsonl --models ci-model --record cassettes/   then, with no endpoint and no key:
  $ agentlab eval cases.jsonl --models ci-model --replay cassettes/    the same verdicts, cell for cell, at $0
  $ agentlab eval datasets/golden/lessons.jsonl --agents react --models sim:weak --no-lessons   without reviewers' lessons

Agents: the built-in ${agentNames.join(', ')}; names defined under agents: in the config; or
module:<path>[#export], command:<command line>, http:<url>. Without --agents: the config's agents,
or else the built-in ones.

Exit code 0 when the gates hold, 1 when one fails (or the run was interrupted), 2 for bad
arguments, models, agents, baseline, dataset or store (a database that cannot be reached), refused
before any run is recorded. Results go to the store as they finish: --store, else AGENTLAB_STORE_URL,
else ${defaultStorePath}; a postgres:// URL writes into PostgreSQL, memory, episodes and lessons
included. Ctrl+C stops the cases under way without
recording them (--resume runs them again); a second Ctrl+C quits at once.
`;

export function createEvalCommand(context: CliContext): Command {
  return new Command('eval')
    .description('Evaluate agents on a golden dataset across models and epochs, with intervals, baselines and gates.')
    .argument('[dataset]', 'a .jsonl or .csv golden dataset (default: the bundled datasets/golden/agent-tasks.jsonl)')
    .addOption(new Option('--agents <references>', 'agents to run, comma-separated or repeated (see below)').argParser(collectAgents))
    .addOption(new Option('--models <references>', 'comma-separated model references').default(defaultModels, defaultModels.join(',')).argParser(parseModels))
    .addOption(new Option('--epochs <count>', 'times each case runs per agent and model (pass^k needs more than one)').default(defaultEpochs).argParser(parsePositiveInteger))
    .addOption(new Option('--concurrency <count>', 'cases run at once').default(defaultConcurrency).argParser(parsePositiveInteger))
    .addOption(new Option('--seed <number>', 'run seed; every case seed derives from it, so a run reproduces').default(defaultSeed).argParser(parseInteger))
    .addOption(new Option('--timeout <ms>', 'a case that takes longer is an error').default(defaultCaseTimeoutMs).argParser(parsePositiveInteger))
    .addOption(new Option('--latency <mode>', 'simulator latency for sim: models: zero, realistic, fast (realistic ÷ 20), or milliseconds').default('fast').argParser(parseLatency))
    .option('--store <path|url>', storeOptionHelp('the results go to'))
    .option('-c, --config <file>', `config file (default: ./${DEFAULT_CONFIG_FILE_NAME} if present)`)
    .option('--resume <run-id>', 'finish an interrupted run: only the missing results are run, on the dataset it recorded unless one is given')
    .option('--retry-errors <run-id>', 'run again the errored results of a run (and any it is missing), replacing them in that run; the rest are kept')
    .addOption(new Option('--shard <i/n>', 'run only the i-th of n slices of the matrix').argParser(parseShardOption))
    .option('--run-id <id>', 'make the run under this id; with --shard, n jobs sharing a store write one run, completed once every shard has (the same shard run again resumes it)')
    .option('--filter <terms>', 'cases to run: ids (with * wildcards) or tag:<name>, comma-separated')
    .option('--record <dir>', 'write every model call (built-in agents and the model proxy, streams included) to cassettes in this directory, one JSONL file per cell')
    .option('--replay <dir>', 'answer every model call from the cassettes in this directory: no endpoint, no key, no cost')
    .addOption(new Option('--replay-missing <mode>', 'with --replay, a request no cassette holds: error (the cell is an error naming it; default) or record (sent to the endpoint and added)').choices(['error', 'record']))
    .addOption(new Option('--min-success <rate>', 'gate: the overall success rate must reach this (0-1 or 80%)').argParser(parseRate))
    .addOption(
      new Option('--max-errors <rate>', 'gate: the share of results that are errors (endpoint down, crash, timeout) may not exceed this; 100% turns it off')
        .default(DEFAULT_MAX_ERRORS, `${DEFAULT_MAX_ERRORS * 100}%`)
        .argParser(parseRate),
    )
    .option('--baseline <run-id|latest>', 'compare with this run (latest: the newest completed run on the same dataset)')
    .option('--fail-on-regression', 'gate: fail when the comparison with the baseline says regressed')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--markdown <file>', 'write a Markdown summary (for a CI step summary)')
    .option('--json <file>', 'write the full report as JSON')
    .option('--otlp <url>', 'also send traces over OTLP/HTTP (default: OTEL_EXPORTER_OTLP_ENDPOINT)')
    .option('--capture-content', 'record messages and tool arguments on spans')
    .addOption(new Option('--compress-at <fraction>', "built-in agents compress the conversation's middle when a request reaches this fraction of the model's context window (default: config workingMemory.threshold, else 0.75)").argParser(parseFraction).conflicts('compress'))
    .option('--no-compress', 'built-in agents never compress: a conversation longer than the window ends the case with context_length_exceeded')
    .option('--memory', 'give the built-in agents remember and recall, in a namespace per case, model and epoch unless --memory-namespace names one they share')
    .addOption(new Option('--memory-namespace <name>', 'one namespace every case remembers and recalls in (and its episodes go to), e.g. facts added with agentlab memory add').argParser(parseNamespace).implies({ memory: true }))
    .option('--episodes', 'record every finished case of the built-in agents as an episode (in eval/<run id> unless --memory-namespace)')
    .option('--embedding-model <reference>', 'model that embeds memories and episodes (default: memory.embeddingModel in the config, else sim:strong)')
    .option('--no-lessons', "built-in agents get no lessons from similar past tasks (on by default: reviewers' corrections in memory.namespace, else default, or --memory-namespace)")
    .addOption(confidenceThresholdOption('every answer'))
    .option('-q, --quiet', 'no progress output')
    .option('--serve', 'serve the report while the eval runs (live progress) and afterwards, until Ctrl+C')
    .addOption(new Option('-p, --port <port>', 'report server port, with --serve').default(DEFAULT_REPORT_PORT).argParser(parsePort))
    .option('--host <address>', 'report server interface, with --serve', DEFAULT_REPORT_HOST)
    .option('--token <token>', 'with --serve: require Authorization: Bearer <token> on writes (default: AGENTLAB_SERVE_TOKEN)')
    .addHelpText('after', examples)
    .action(async (datasetArgument: string | undefined, options: EvalCommandOptions) => {
      let store: StoreBackend | undefined;
      const stopping = new AbortController();
      let finished = false;
      const state = trackEvalState();
      void context.waitForStop().then((signal) => {
        if (finished) return;
        context.writeError(`\n${describeStop(signal, state)}\n`);
        stopping.abort();
      });
      // Warnings quote datasets and configs: their control characters are shown, not obeyed.
      const warn = (message: string) => context.writeError(`warning: ${toTerminalText(message)}\n`);
      const progress = createEvalProgressRenderer(context, options.quiet === true);
      let liveRuns: LiveRunHub | undefined;
      let server: RunningReportServer | undefined;
      const serve = async (backend: StoreBackend): Promise<void> => {
        if (!options.serve) return;
        // The report server's modules load only when serving; a plain eval never needs them.
        const { LiveRunHub } = await import('../../reports/index.js');
        liveRuns = new LiveRunHub();
        const token = options.token ?? context.env.AGENTLAB_SERVE_TOKEN;
        // The config was checked before the store opened; read again here for the reviews page's lessons.
        const { config } = await loadConfigFile({ cwd: context.cwd, path: options.config });
        // A review decided on the page records its lesson as an episode in this store, whatever its backend.
        const reviewMemory = createReviewMemory({ config, store: backend, env: context.env });
        server = await startReportServer({ store: backend, host: options.host, port: options.port, liveRuns, reviewMemory, ...(token ? { token } : {}) });
      };
      try {
        const outcome = await evaluate({
          ...(datasetArgument ? { dataset: datasetArgument } : {}),
          ...(options.agents ? { agents: options.agents } : {}),
          models: options.models,
          epochs: options.epochs,
          concurrency: options.concurrency,
          seed: options.seed,
          timeoutMs: options.timeout,
          latency: options.latency,
          ...(options.config ? { config: options.config } : {}),
          // Opened once the dataset, config and agents are checked, and kept open for --serve.
          store: async () => (store = await openCommandStore(options.store, context)),
          beforeRun: serve,
          cwd: context.cwd,
          env: context.env,
          ...(options.resume ? { resume: options.resume } : {}),
          ...(options.retryErrors ? { retryErrors: options.retryErrors } : {}),
          ...(options.shard ? { shard: options.shard } : {}),
          ...(options.runId !== undefined ? { runId: options.runId } : {}),
          ...(options.filter ? { filter: options.filter } : {}),
          ...(options.record !== undefined ? { record: options.record } : {}),
          ...(options.replay !== undefined ? { replay: options.replay } : {}),
          ...(options.replayMissing ? { replayMissing: options.replayMissing } : {}),
          ...(options.baseline ? { baseline: options.baseline } : {}),
          ...(options.failOnRegression ? { failOnRegression: true } : {}),
          ...(options.minSuccess !== undefined ? { minSuccess: options.minSuccess } : {}),
          maxErrors: options.maxErrors,
          ...(options.junit ? { junit: options.junit } : {}),
          ...(options.markdown ? { markdown: options.markdown } : {}),
          ...(options.json ? { json: options.json } : {}),
          ...(options.otlp ? { otlp: options.otlp } : {}),
          ...(options.confidenceThreshold !== undefined ? { confidenceThreshold: options.confidenceThreshold } : {}),
          captureContent: options.captureContent === true,
          ...(options.compressAt !== undefined || !options.compress
            ? { workingMemory: { ...(options.compressAt === undefined ? {} : { threshold: options.compressAt }), ...(options.compress ? {} : { enabled: false }) } }
            : {}),
          ...(options.memory || options.episodes
            ? { memory: { tools: options.memory === true, episodes: options.episodes === true, ...(options.memoryNamespace ? { namespace: options.memoryNamespace } : {}), ...(options.embeddingModel ? { embeddingModel: options.embeddingModel } : {}) } }
            : {}),
          lessons: options.lessons ? { ...(options.memoryNamespace ? { namespace: options.memoryNamespace } : {}), ...(options.embeddingModel ? { embeddingModel: options.embeddingModel } : {}) } : false,
          signal: stopping.signal,
          includeResults: false,
          onWarning: warn,
          onProgress: (event) => {
            state.onEvent(event);
            progress.onEvent(event);
            liveRuns?.publish(event);
            if (event.type === 'eval-start' && server) context.writeError(`Live report: ${server.url}/runs/${event.run.id}\n`);
          },
        });
        finished = true;
        progress.stop();
        // The table names cases, agents and models and quotes errors from the endpoints.
        context.writeOut(`\n${toTerminalText(outcome.table)}\n`);
        for (const file of outcome.written) context.writeError(`Wrote ${file}\n`);
        if (outcome.cassettes) context.writeOut(`${toTerminalText(outcome.cassettes.line)}\n`);
        if (outcome.report.rateLimits) context.writeOut(`${toTerminalText(outcome.report.rateLimits.line)}\n`);
        if (outcome.shardNote) context.writeError(`${toTerminalText(outcome.shardNote)}\n`);
        const calibration = store && outcome.report.run.config.confidence ? formatCalibrationTable(outcome.report.run, await store.caseOutcomes(outcome.report.run.id)) : undefined;
        if (calibration) context.writeOut(`\n${toTerminalText(calibration)}`);
        const queued = describeQueuedReviews(outcome.queued, server?.url);
        if (queued) context.writeOut(`\n${queued}\n`);
        const run = outcome.report.run;
        if (server && !outcome.interrupted) {
          context.writeOut(`\nReport: ${server.url}/runs/${run.id}  (serving until Ctrl+C)\n`);
          await context.waitForStop();
        }
        if (outcome.interrupted) {
          // Printed even with --quiet: the run id is what it takes to finish the run.
          const message = describeInterruption(run.id, state);
          context.writeError(`${message}\n`);
          throw new CommandExit(EXIT_FAILURE, message);
        }
        if (outcome.failedGates.length > 0) throw new CommandExit(EXIT_FAILURE, `gate failed: ${outcome.failedGates.map((gate) => gate.detail).join('; ')}`);
      } finally {
        finished = true;
        progress.stop();
        await server?.close();
        await store?.close();
      }
    });
}
