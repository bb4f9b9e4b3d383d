// `agentlab run`: runs one reference agent on one goal in a fresh sandbox, printing its progress live
// on stderr, then the answer and a summary on stdout; exits 1 when the run did not complete. Its spans
// go to the store as an eval's do, so the trace id it prints opens in `agentlab serve`.
import { statSync } from 'node:fs';
import path from 'node:path';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import {
  agentNames,
  agentPatterns,
  checkWorkingMemoryAgents,
  createDefaultRegistry,
  createSandbox,
  DEFAULT_ALLOWED_PERMISSIONS,
  DEFAULT_SANDBOX_FIXTURES_DIRECTORY,
  permissionLevels,
  resolveWorkingMemory,
  runAgent,
} from '../../agents/index.js';
import type { AgentName, AgentResult, Permission, Sandbox } from '../../agents/index.js';
import { DEFAULT_CONFIG_FILE_NAME, DEFAULT_SIM_LATENCY, loadConfigFile, ModelProvider, PriceTable } from '../../models/index.js';
import type { LatencyMode, ModelHandle } from '../../models/index.js';
import { createApprovalPrompt } from '../approval-prompt.js';
import type { ApprovalPrompt } from '../approval-prompt.js';
import type { CliContext } from '../cli-context.js';
import { DEFAULT_RUN_MODEL, EXIT_FAILURE } from '../constants.js';
import { CommandExit } from '../errors.js';
import { createProgressFormatter } from '../format-progress-event.js';
import { formatRunSummary } from '../format-run-summary.js';
import { listOf, parseFraction, parseInteger, parseLatency, parsePositiveInteger, parseTemperature } from '../option-parsers.js';
import { toTerminalText } from '../terminal-text.js';
import { packageVersion } from '../package-version.js';
import { defaultStorePath, openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { captureContentFromEnvironment, MemorySpanSink, normalizingSink, setupTracing, summarizeTrace } from '../../tracing/index.js';
import { parseNamespace } from './memory-options.js';
import { openRunMemory, recordRunEpisode } from './run-memory.js';
import type { RunMemoryFlags } from './run-memory.js';
import type { SpanSink, Tracing, TraceSummary } from '../../tracing/index.js';

interface RunCommandOptions extends RunMemoryFlags {
  model: string;
  allow?: Permission[];
  maxSteps?: number;
  maxTokens?: number;
  timeout?: number;
  temperature?: number;
  seed?: number;
  latency: LatencyMode;
  config?: string;
  /** Absolute: the folder the sandbox is seeded from instead of the default files. */
  fixtures?: string;
  keepSandbox?: boolean;
  json?: boolean;
  quiet?: boolean;
  store: string;
  otlp?: string;
  captureContent?: boolean;
  compressAt?: number;
  /** false with --no-compress. */
  compress: boolean;
}

const examples = `
Examples:
  $ agentlab run react "Search for the boiling point of water and calculate 17 * 23"
  $ agentlab run plan-execute "Find the height of Mount Everest, then write it to everest.md" --model sim:oracle
  $ agentlab run react "Delete old-report.txt" --allow read,write,destructive --keep-sandbox
  $ agentlab run supervisor "Who created Python?" --model openai:gpt-4o-mini --max-steps 10
  $ agentlab run react "Who created Python?" --json --quiet | jq .status
  $ agentlab run react "Read notes.txt and todo.md" --model sim:small --compress-at 0.5
  $ agentlab run react "Read stations/harrow-hill.md and read stations/kestrel-pike.md" --fixtures datasets/golden/fixtures/long-reports
  $ OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 agentlab run react "Who created Python?"
  $ agentlab run react "Remember that the office wifi password is hunter2"
  $ agentlab run react "What do you remember about the wifi password?"

Progress goes to stderr, the answer and summary to stdout. Exit code 0 when the run completed,
1 when it ended otherwise (max_steps, budget_exceeded, error), 2 for bad arguments.
Calls whose permission is not allowed are asked about when stdin is a terminal, denied otherwise.
The trace is kept in the store: \`agentlab serve\` shows it at /traces/<trace id>.
Agents can remember and recall facts in the store (namespace "default" unless --memory-namespace),
and each run is recorded as an episode: \`agentlab memory list\` and \`--episodes\` show them.
`;

/** The --fixtures folder, resolved against the working directory; anything but a folder is refused up front (exit 2). */
function fixturesFolder(cwd: string, value: string): string {
  const folder = path.resolve(cwd, value);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new InvalidArgumentError(`${value} is not a folder.`);
  return folder;
}

export function createRunCommand(context: CliContext): Command {
  return new Command('run')
    .description('Run a reference agent on a goal: live progress, then the answer, tokens, cost and status.')
    .addArgument(new Argument('<agent>', 'the agent to run').choices(agentNames))
    .addArgument(new Argument('<goal>', 'what the agent should do, in quotes'))
    .addOption(
      new Option('-m, --model <reference>', 'model: sim:<profile>, openai:<model>, or a name from the config').default(
        DEFAULT_RUN_MODEL,
      ),
    )
    .addOption(
      new Option(
        '--allow <levels>',
        `permission levels that run without asking: read, write, destructive (default: ${DEFAULT_ALLOWED_PERMISSIONS.join(',')})`,
      ).argParser(listOf(permissionLevels, 'permission level')),
    )
    .addOption(new Option('--max-steps <count>', 'most model calls in the run, workers included').argParser(parsePositiveInteger))
    .addOption(new Option('--max-tokens <count>', 'most input + output tokens in the run').argParser(parsePositiveInteger))
    .addOption(new Option('--timeout <ms>', 'give up on one model call after this many milliseconds').argParser(parsePositiveInteger))
    .addOption(new Option('--temperature <number>', 'temperature for answers and drafts, 0 to 2').argParser(parseTemperature))
    .addOption(new Option('--seed <number>', 'seed sent with every model call, so that a run reproduces').argParser(parseInteger))
    .addOption(
      new Option('--latency <mode>', 'simulator latency for sim: models: zero, realistic, fast (realistic ÷ 20), or milliseconds')
        .default(DEFAULT_SIM_LATENCY)
        .argParser(parseLatency),
    )
    .option('-c, --config <file>', `config file (default: ./${DEFAULT_CONFIG_FILE_NAME} if present)`)
    .addOption(new Option('--fixtures <folder>', "seed the sandbox with a copy of this folder instead of datasets/fixtures/sandbox, as a dataset case's fixtures do").argParser((value: string) => fixturesFolder(context.cwd, value)))
    .option('--keep-sandbox', 'keep the sandbox directory after the run and print its path')
    .option('--json', 'print the result (answer, status, trajectory, usage) as JSON instead of the summary')
    .option('-q, --quiet', 'do not print progress events')
    .option('--store <path>', 'SQLite file the trace goes to, for agentlab serve', defaultStorePath)
    .option('--otlp <url>', 'also send the trace over OTLP/HTTP to this endpoint (default: OTEL_EXPORTER_OTLP_ENDPOINT / _TRACES_ENDPOINT; encoding: OTEL_EXPORTER_OTLP_PROTOCOL)')
    .option('--capture-content', 'record messages, tool arguments and results on spans (also OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true)')
    .addOption(new Option('--memory-namespace <name>', 'namespace the agent remembers, recalls and records its episode in (default: memory.namespace in the config, else default)').argParser(parseNamespace))
    .option('--embedding-model <reference>', 'model that embeds memories and episodes (default: memory.embeddingModel in the config, else sim:strong)')
    .option('--no-memory', 'offer no remember and recall tools, and record no episode')
    .option('--no-episodes', 'do not record the run as an episode')
    .addOption(new Option('--compress-at <fraction>', "compress the conversation's middle into a summary when a request reaches this fraction of the model's context window (default: config workingMemory.threshold, else 0.75)").argParser(parseFraction).conflicts('compress'))
    .option('--no-compress', 'never compress: a conversation longer than the context window ends the run with context_length_exceeded')
    .addHelpText('after', examples)
    .action(async (agent: AgentName, goal: string, options: RunCommandOptions) => {
      const { config, file } = await loadConfigFile({ cwd: context.cwd, path: options.config });
      checkWorkingMemoryAgents(config.workingMemory, agentNames, file ?? 'the config');
      const provider = new ModelProvider({ config, latency: options.latency, env: context.env });
      const allowed = options.allow ?? DEFAULT_ALLOWED_PERMISSIONS;
      const stopping = new AbortController();
      let finished = false;
      void context.waitForStop().then((signal) => {
        if (finished) return;
        context.writeError(`\nReceived ${signal}, stopping the run.\n`);
        stopping.abort();
      });
      let sandbox: Sandbox | undefined;
      let prompt: ApprovalPrompt | undefined;
      let store: Store | undefined;
      let tracing: Tracing | undefined;
      // Spans are kept in memory for the summary, in the store for the report (as an eval's are), and
      // go over OTLP when the variables or --otlp ask. The store is opened once the tracing settings
      // are accepted, so a run refused for a bad OTLP protocol leaves no database behind.
      const spans = new MemorySpanSink();
      let storeSink: SpanSink | undefined;
      try {
        tracing = setupTracing({ environment: context.env, otlpUrl: options.otlp, sinks: [spans, { write: (records) => storeSink?.write(records) }], version: packageVersion });
        store = openStore(path.resolve(context.cwd, options.store));
        // Model calls without a cost of their own are priced from the config's table, as in an eval.
        const prices = new PriceTable(config);
        storeSink = normalizingSink(store, { priceFor: (name) => prices.lookup(name) });
        const model = await provider.open(options.model);
        const memory = await openRunMemory(options, { config, provider, store, agent });
        sandbox = await createSandbox({ fixtures: options.fixtures ?? DEFAULT_SANDBOX_FIXTURES_DIRECTORY });
        // Calls at a level not allowed are asked about; without a person to ask (CI, a pipe) they are denied.
        const asksSomething = permissionLevels.some((level) => !allowed.includes(level));
        if (asksSomething && context.isInteractive) {
          prompt = createApprovalPrompt({ openInput: context.openInput, write: context.writeError, signal: stopping.signal });
        }
        const startedAt = performance.now();
        const format = createProgressFormatter();
        // Events are printed as they are emitted rather than through streamAgent's async iterable,
        // which delivers them a tick late: an approval question would then come before its tool call.
        const outcome = await runAgent(agent, agentPatterns[agent], goal, {
          model,
          tools: createDefaultRegistry({ sandbox, ...(memory ? { memory: memory.tools } : {}) }),
          allowed,
          approve: prompt?.approve,
          signal: stopping.signal,
          limits: { maxSteps: options.maxSteps, maxTokens: options.maxTokens, modelTimeoutMs: options.timeout },
          temperature: options.temperature,
          seed: options.seed,
          tracer: tracing.tracer,
          captureContent: options.captureContent === true || captureContentFromEnvironment(context.env),
          workingMemory: resolveWorkingMemory(config.workingMemory, agent, {
            ...(options.compressAt === undefined ? {} : { threshold: options.compressAt }),
            ...(options.compress ? {} : { enabled: false }),
          }),
          onEvent: (event) => {
            const line = options.quiet ? undefined : format(event);
            if (line !== undefined) context.writeError(`${line}\n`);
          },
        });
        const wallTimeMs = performance.now() - startedAt;
        await recordRunEpisode(memory, { goal, agent, model: options.model, result: outcome }, { quiet: options.quiet === true, writeError: context.writeError });
        await tracing.forceFlush();
        const traceSummary = outcome.traceId ? summarizeTrace(spans.trace(outcome.traceId), () => model.prices) : undefined;
        report(context, outcome, {
          model,
          json: options.json === true,
          wallTimeMs,
          keptSandbox: options.keepSandbox ? sandbox.root : undefined,
          trace: traceSummary && { summary: traceSummary, ...(tracing.otlp ? { exportedTo: tracing.otlp.url } : {}) },
        });
        if (outcome.status !== 'completed') throw new CommandExit(EXIT_FAILURE, `the run ended with status ${outcome.status}`);
      } finally {
        finished = true;
        prompt?.close();
        if (sandbox && !options.keepSandbox) await sandbox.remove();
        // Shutting down flushes the OTLP exporter and the store's sink, so the trace is delivered and
        // kept before the process ends.
        await tracing?.shutdown();
        store?.close();
        await provider.close();
      }
    });
}

function report(
  context: CliContext,
  outcome: AgentResult,
  details: { model: ModelHandle; json: boolean; wallTimeMs: number; keptSandbox: string | undefined; trace: { summary: TraceSummary; exportedTo?: string } | undefined },
): void {
  if (details.json) {
    context.writeOut(`${JSON.stringify({ ...outcome, ...(details.trace ? { traceSummary: details.trace.summary } : {}) }, null, 2)}\n`);
    if (details.keptSandbox !== undefined) context.writeError(`Sandbox kept at ${details.keptSandbox}\n`);
    return;
  }
  if (outcome.output !== '') context.writeOut(`${toTerminalText(outcome.output).trimEnd()}\n\n`);
  context.writeOut(
    formatRunSummary(outcome, {
      prices: details.model.prices,
      wallTimeMs: details.wallTimeMs,
      keptSandbox: details.keptSandbox,
      ...(details.trace ? { trace: details.trace } : {}),
    }),
  );
}
