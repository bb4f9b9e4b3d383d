// One eval from start to verdict, for `agentlab eval` and for `evaluate()` from a script or a test:
// the dataset, config, agents and models are checked and opened before any run is recorded; then
// the matrix runs into the store, and the summary, baseline comparison, gates and CI outputs follow.
import path from 'node:path';
import { z } from 'zod';
import { agentNames, checkWorkingMemoryAgents, withWorkingMemoryOverride, type WorkingMemoryOverride } from '../../agents/index.js';
import { DEFAULT_EMBEDDING_MODEL, DEFAULT_MEMORY_NAMESPACE, EvalLessons, openEvalMemory, resolveConfidenceSettings, type EvalMemorySettings } from '../../agents/index.js';
import { AgentlabError, agentlabConfigSchema, DEFAULT_CONFIG_FILE_NAME, loadConfigFile, ModelProvider, PriceTable, type AgentlabConfig, type LatencyMode, type ModelHandle } from '../../models/index.js';
import { type CaseResultRecord, type RunConfig, type RunLessonsSettings, type Store, type StoreBackend } from '../../store/index.js';
import { defaultAgentReferences, openTargets, type TargetSet } from '../../targets/index.js';
import { captureContentFromEnvironment, normalizeSpans, normalizingSink, setupTracing, type SpanRecord, type Tracing } from '../../tracing/index.js';
import { loadDataset } from '../dataset/index.js';
import { EvalError } from '../errors.js';
import { formatSummaryTable, type GateResult, type RunSummaryReport } from '../outputs/index.js';
import { planCells, runEval, type EvalProgressSink, type QueuedReviews } from '../runner/index.js';
import { checkCaseAgents, splitAgentReferences } from './agent-references.js';
import { checkCaseToolNames } from './case-tool-names.js';
import { chooseBaseline } from './choose-baseline.js';
import { bundledDataset, defaultCaseTimeoutMs, defaultConcurrency, defaultEpochs, defaultModels, defaultSeed } from './constants.js';
import { evalRateLimits } from './eval-rate-limits.js';
import { evalCassettes, openEvalCassettes, type CassetteOptions, type EvalCassettes } from './eval-cassettes.js';
import { currentGitCommit } from './git-commit.js';
import { openEvalStore } from './eval-store-open.js';
import { findRunToResume, loadResumedDataset } from './resumed-run.js';
import { continuedRunId } from './retry-errors.js';
import { checkRunIdOption } from './run-id-option.js';
import { shardVerdict } from './shard-verdict.js';
import { summarizeRun } from './summarize-run.js';
import { writeOutputs } from './write-outputs.js';

export interface EvaluateOptions extends CassetteOptions {
  /** A .jsonl or .csv golden dataset; the bundled one by default. */
  dataset?: string;
  /** Agent references: built-in names, config names, `module:…`, `command:…`, `http:…`. The config's agents (or the built-in ones) by default. */
  agents?: readonly string[];
  /** Model references; sim:strong and sim:weak by default. */
  models?: readonly string[];
  epochs?: number;
  concurrency?: number;
  seed?: number;
  /** Per case, in milliseconds. */
  timeoutMs?: number;
  /** Latency of the simulator behind sim: models; `fast` by default. */
  latency?: LatencyMode;
  /** A config file, or the config itself (as the file would hold it); ./agentlab.config.yaml is read when present. */
  config?: string | z.input<typeof agentlabConfigSchema>;
  /**
   * A store reference: a SQLite file or a `postgres://` URL (AGENTLAB_STORE_URL, else .agentlab/agentlab.db,
   * by default); or a store the caller owns and closes (any backend, or a synchronous SQLite Store): open,
   * or opened by the function given once the dataset, config and agents have been checked.
   */
  store?: string | Store | StoreBackend | (() => Store | StoreBackend | Promise<Store | StoreBackend>);
  /** Called with the store once everything is checked and opened, before the run is recorded. */
  beforeRun?: (store: StoreBackend) => Promise<void>;
  /** Where relative paths start; process.cwd() by default. */
  cwd?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Finish this interrupted run; without `dataset`, on the dataset file the run recorded. */
  resume?: string;
  /** Run again the cells of this run whose result is an error (and any it never made), replacing those results in place. */
  retryErrors?: string;
  /** `2/4`: the second of four slices of the matrix. */
  shard?: string;
  /**
   * Make the run under this id; with `shard`, as one of the shards that processes sharing the store
   * make together (the run completes once every shard has; the same shard run again resumes it).
   */
  runId?: string;
  /** Case ids (with * wildcards) or tag:<name>, comma-separated. */
  filter?: string;
  /** `latest` or a run id. */
  baseline?: string;
  failOnRegression?: boolean;
  /** 0–1. */
  minSuccess?: number;
  /** 0–1: the largest share of error results that passes; 0.1 by default, 1 for no limit. */
  maxErrors?: number;
  junit?: string;
  markdown?: string;
  json?: string;
  /** Working memory of the built-in agents, over the config's `workingMemory`: `{ threshold: 0.5 }`, or `{ enabled: false }` to never compress. */
  workingMemory?: WorkingMemoryOverride;
  /**
   * Long-term memory for the built-in agents (`tools`: remember and recall, in a namespace per cell
   * unless `namespace` names one they share) and an episode per finished cell (`episodes`). Off by default.
   */
  memory?: EvalMemorySettings;
  /**
   * Rate every answer with a second call to its model and send those below this (0-1) to the review
   * queue (`--confidence-threshold`), for every agent, over the config's `confidence`. Without it
   * and without `confidence` in the config nothing is rated.
   */
  confidenceThreshold?: number;
  /**
   * Lessons from similar past tasks in the built-in agents' system prompts (agents/review/lessons.ts): on
   * by default, from the config's memory.namespace (else `default`) unless `namespace` names another;
   * false turns them off. Nothing is embedded when the namespace holds no lesson.
   */
  lessons?: false | { namespace?: string; embeddingModel?: string };
  /** Also send traces over OTLP/HTTP here. */
  otlp?: string;
  captureContent?: boolean;
  signal?: AbortSignal;
  onProgress?: EvalProgressSink;
  /** Recorded on the run; read from git (or GITHUB_SHA…) by default, never with false. */
  gitCommit?: string | false;
  /** Told about what will not stop the eval but probably surprises (a case expecting a tool its agent does not have); stderr by default. */
  onWarning?: (message: string) => void;
  /** Put every result in the report (true by default; the CLI loads them only for its outputs). */
  includeResults?: boolean;
}

export interface EvaluateResult {
  /** The summary, comparison and gates, and every result unless includeResults was false. */
  report: RunSummaryReport & { results?: CaseResultRecord[] };
  /** The summary table as `agentlab eval` prints it. */
  table: string;
  interrupted: boolean;
  failedGates: GateResult[];
  /** The run completed and every gate held: what exit code 0 means. */
  passed: boolean;
  /** The output files written, as given. */
  written: string[];
  /** With --record or --replay: what was recorded or replayed, and what it cost. */
  cassettes?: EvalCassettes;
  /** Entries this eval added to the review queue (escalated answers, tasks that spent their retries). */
  queued: QueuedReviews;
  /** For a shard of a run made by several processes: where the run's shards stand, and whether this one decided the gates. */
  shardNote?: string;
}

async function readConfig(config: EvaluateOptions['config'], cwd: string): Promise<{ config: AgentlabConfig; directory: string }> {
  if (config !== undefined && typeof config !== 'string') {
    const parsed = agentlabConfigSchema.safeParse(config);
    if (!parsed.success) throw new AgentlabError('AGENTLAB_CONFIG_INVALID', `the config given to evaluate() is invalid:\n${z.prettifyError(parsed.error)}`);
    return { config: parsed.data, directory: cwd };
  }
  const loaded = await loadConfigFile({ cwd, ...(config ? { path: config } : {}) });
  return { config: loaded.config, directory: loaded.file ? path.dirname(loaded.file) : cwd };
}

/** The run config's `confidence`, when the flag or the config asks for ratings (a resumed run keeps its own). */
function confidenceSettingsOf(config: AgentlabConfig, flagThreshold: number | undefined): Pick<RunConfig, 'confidence'> {
  if (flagThreshold !== undefined && !(Number.isFinite(flagThreshold) && flagThreshold >= 0 && flagThreshold <= 1)) {
    throw new EvalError('AGENTLAB_CONFIDENCE_THRESHOLD_INVALID', `the confidence threshold must be a number from 0 to 1, got ${flagThreshold}`);
  }
  const settings = resolveConfidenceSettings(config.confidence, flagThreshold);
  return settings ? { confidence: settings } : {};
}

/** The run config's `lessons`: whether cells get them and from which namespace (a resumed run keeps its own). */
function lessonsSettingsOf(config: AgentlabConfig, option: EvaluateOptions['lessons']): RunLessonsSettings {
  return { enabled: option !== false, namespace: (option === false ? undefined : option?.namespace) ?? config.memory?.namespace ?? DEFAULT_MEMORY_NAMESPACE };
}

export async function evaluate(options: EvaluateOptions = {}): Promise<EvaluateResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const warn = options.onWarning ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
  const ownStore = options.store === undefined || typeof options.store === 'string';
  let store: StoreBackend | undefined;
  const openTheStore = async (): Promise<StoreBackend> => (store ??= await openEvalStore(options.store, { cwd, env }));
  let targets: TargetSet | undefined;
  let tracing: Tracing | undefined;
  let provider: ModelProvider | undefined;
  try {
    // Everything that can be checked is checked before the store is touched (a resume needs it to
    // find its run), and everything is opened before the run is recorded, so a refused eval leaves
    // no run behind: the dataset, config, matrix and shard, models, agents and baseline.
    checkRunIdOption(options);
    const continued = continuedRunId(options);
    const resumed = continued ? await findRunToResume(await openTheStore(), continued) : undefined;
    const dataset = resumed ? await loadResumedDataset(resumed, options.dataset, cwd) : await loadDataset(options.dataset ?? bundledDataset, { cwd });
    const read = await readConfig(options.config, cwd);
    const { directory } = read;
    checkWorkingMemoryAgents(read.config.workingMemory, agentNames, typeof options.config === 'string' ? options.config : options.config ? 'the config given to evaluate()' : DEFAULT_CONFIG_FILE_NAME);
    const config = options.workingMemory ? { ...read.config, workingMemory: withWorkingMemoryOverride(read.config.workingMemory, options.workingMemory) } : read.config;
    checkCaseAgents(dataset.cases, config, dataset.path);
    const agents = resumed?.config.agents ?? (options.agents ? splitAgentReferences(options.agents, config) : defaultAgentReferences(config));
    const runConfig: RunConfig = resumed?.config ?? {
      agents,
      models: [...(options.models ?? defaultModels)],
      epochs: options.epochs ?? defaultEpochs,
      concurrency: options.concurrency ?? defaultConcurrency,
      seed: options.seed ?? defaultSeed,
      caseTimeoutMs: options.timeoutMs ?? defaultCaseTimeoutMs,
      ...(options.shard ? { shard: options.shard } : {}),
      ...(options.filter ? { filter: options.filter } : {}),
      ...confidenceSettingsOf(config, options.confidenceThreshold),
      lessons: lessonsSettingsOf(config, options.lessons),
    };
    const cells = planCells(dataset, runConfig);
    // Asked of git now and awaited when the run is recorded, so the wait overlaps opening everything else.
    const gitCommit = options.gitCommit === false ? undefined : (options.gitCommit ?? currentGitCommit(cwd, env));
    // A replay reads and checks every cassette here, so a tampered line stops the eval before any cell runs.
    const cassettes = await openEvalCassettes(options, { cwd, env, config, dataset, runConfig, warn });
    provider = new ModelProvider({ config, latency: options.latency ?? 'fast', env, ...(cassettes ? { cassettes } : {}) });
    const modelHandles = new Map<string, ModelHandle>();
    for (const reference of runConfig.models) modelHandles.set(reference, await provider.open(reference));
    // Agents are opened (and checked) before the store is, so a refused eval leaves nothing behind.
    // Model calls that carry no cost (a user's own instrumentation) are priced from the config's table.
    const prices = new PriceTable(config);
    const normalizeOptions = { priceFor: (model: string) => prices.lookup(model) };
    const spanWriter = { write: (spans: SpanRecord[]) => store?.writeSpans(normalizeSpans(spans, normalizeOptions.priceFor)) };
    const memory = await openEvalMemory(options.memory, { provider, config });
    const lessonsEmbeddingModel = (options.lessons || undefined)?.embeddingModel ?? options.memory?.embeddingModel ?? config.memory?.embeddingModel ?? DEFAULT_EMBEDDING_MODEL;
    const lessons = runConfig.lessons?.enabled ? new EvalLessons({ namespace: runConfig.lessons.namespace, embeddingModel: lessonsEmbeddingModel }) : undefined;
    const opener = provider;
    targets = await openTargets(agents, { config, configDirectory: directory, cwd, env, proxy: { spanWriter }, openModel: (reference) => opener.open(reference), ...(memory ? { memory } : {}), ...(lessons ? { lessons } : {}) });
    for (const warning of checkCaseToolNames(dataset, agents, targets, cwd)) warn(warning);
    const opened = await openTheStore();
    memory?.attach(opened);
    if (lessons) await lessons.attach(opened, provider);
    const baseline = options.baseline ? await chooseBaseline(opened, { baseline: options.baseline, datasetHash: dataset.hash, cells, ...(resumed || options.runId !== undefined ? { excludeId: resumed?.id ?? options.runId! } : {}) }) : undefined;
    if (baseline?.warning) warn(baseline.warning);
    // Global, so that spans an agent module makes in-process join its case's trace.
    tracing = setupTracing({ environment: env, ...(options.otlp ? { otlpUrl: options.otlp } : {}), sinks: [normalizingSink(opened, normalizeOptions)], global: true, onExportFailure: warn });
    await options.beforeRun?.(opened);
    const outcome = await runEval({
      dataset,
      store: opened,
      provider,
      targets,
      modelHandles,
      config: runConfig,
      ...(resumed ? { resumeRunId: resumed.id, retryErrors: options.retryErrors !== undefined } : {}),
      ...(options.runId !== undefined ? { runId: options.runId, storeName: opened.location } : {}),
      tracer: tracing.tracer,
      captureContent: options.captureContent === true || captureContentFromEnvironment(env),
      ...(cassettes ? { cassettes } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(gitCommit === undefined ? {} : { gitCommit: await gitCommit }),
    });
    await tracing.forceFlush();
    const episodeFailures = memory?.episodeFailures() ?? [];
    if (episodeFailures.length > 0) warn(`${episodeFailures.length} cells were not recorded as episodes; the first: ${episodeFailures[0]}`);
    const lessonFailures = lessons?.recallFailures() ?? [];
    if (lessonFailures.length > 0) warn(`${lessonFailures.length} cells ran without lessons because recalling them failed; the first: ${lessonFailures[0]}`);
    // The baseline chosen before the run, not whatever is newest once it has finished.
    const { summary, note: shardNote } = shardVerdict(await summarizeRun(opened, outcome.run, baseline?.run ? { ...options, baseline: baseline.run.id } : options), outcome);
    const includeResults = options.includeResults !== false;
    // In the summary, so that the Markdown and JSON outputs say it too.
    if (cassettes) summary.cassettes = evalCassettes(cassettes, prices, summary.overall.costUsd);
    const rateLimits = evalRateLimits(provider.rateLimitUsage(), summary.run);
    if (rateLimits) summary.rateLimits = rateLimits;
    const cassetteReport = summary.cassettes ? { cassettes: summary.cassettes } : {};
    const report = includeResults ? { ...summary, results: await opened.caseResults(outcome.run.id) } : summary;
    const written = await writeOutputs(opened, summary, options, cwd, 'results' in report ? report : undefined);
    const failedGates = summary.gates.filter((gate) => !gate.passed);
    return {
      report,
      table: formatSummaryTable(summary),
      interrupted: outcome.interrupted,
      failedGates,
      passed: !outcome.interrupted && failedGates.length === 0,
      written,
      queued: outcome.queued,
      ...cassetteReport,
      ...(shardNote ? { shardNote } : {}),
    };
  } finally {
    await targets?.close();
    await tracing?.shutdown();
    await provider?.close();
    if (ownStore) await store?.close();
  }
}
