// The lifecycle of one `agentlab run`, new or resumed: open the store (a SQLite file or PostgreSQL,
// through the asynchronous store interface), tracing, model, memory and sandbox; record the run (agent
// run, settings, journal) and hold it under its claim; run the agent through the approval gate, its
// journal saved and awaited after every step; then pause (exit 3, sandbox kept), or finish, report and
// clean up.
import { randomBytes } from 'node:crypto';
import {
  agentPatterns,
  checkWorkingMemoryAgents,
  agentNames,
  createDefaultRegistry,
  createSandbox,
  DEFAULT_SANDBOX_FIXTURES_DIRECTORY,
  resolveWorkingMemory,
  runAgent,
  RunJournal,
} from '../../agents/index.js';
import type { AgentName, AgentResult, RunJournalEntry, Sandbox } from '../../agents/index.js';
import { emptyConfig, loadConfigFile, ModelProvider, PriceTable } from '../../models/index.js';
import type { AgentlabConfig, LatencyMode, ModelHandle } from '../../models/index.js';
import type { AgentRunRecord, StoreBackend } from '../../store/index.js';
import { captureContentFromEnvironment, MemorySpanSink, normalizingSink, setupTracing, summarizeTrace } from '../../tracing/index.js';
import type { SpanSink, Tracing } from '../../tracing/index.js';
import { createApprovalPrompt } from '../approval-prompt.js';
import type { ApprovalPrompt } from '../approval-prompt.js';
import type { CliContext } from '../cli-context.js';
import { openCommandStore, storeFlag } from '../command-store.js';
import { APPROVAL_POLL_INTERVAL_MS, EXIT_AWAITING_APPROVAL, EXIT_FAILURE } from '../constants.js';
import { deciderName } from '../decider-name.js';
import { CommandExit } from '../errors.js';
import { createProgressFormatter } from '../format-progress-event.js';
import { packageVersion } from '../package-version.js';
import { toTerminalLine } from '../terminal-text.js';
import { CliApprovalGate, describeCall, type GateMode, type RunHold } from './run-approval-gate.js';
import { applyRunLessons, queueRetriesExhausted, recallRunLessons, type RunLessonsFlags } from './run-lessons.js';
import { openRunMemory, recordRunEpisode, type RunMemory } from './run-memory.js';
import { RunJournalSaver } from './run-journal-saver.js';
import { refuse, reopenSandbox, resumableRun } from './run-resume.js';
import { rateRunAnswer } from './run-confidence.js';
import { reportRun } from './run-report.js';
import { runSettings, type RunSettings, type RunSettingsInput } from './run-settings.js';

/** How the run's outcome is shown, and flags that do not change what the run does. */
export interface RunOutputOptions {
  json: boolean;
  quiet: boolean;
  keepSandbox: boolean;
  waitForApproval: boolean;
  /** --store as given; AGENTLAB_STORE_URL, else the default file, when absent. */
  store?: string;
  otlp?: string;
}

interface OpenedRun {
  settings: RunSettings;
  config: AgentlabConfig;
  model: ModelHandle;
  memory: RunMemory | undefined;
  hold: RunHold;
  /** The stored run and its journal to replay, when this is a resume. */
  resumed?: { record: AgentRunRecord; journal: RunJournalEntry[] };
}

export function newAgentRunId(): string {
  return randomBytes(4).toString('hex');
}

export class RunSession {
  private readonly stopping = new AbortController();
  private readonly spans = new MemorySpanSink();
  private storeSink: SpanSink | undefined;
  private finished = false;
  private store: StoreBackend | undefined;
  private tracing: Tracing | undefined;
  private provider: ModelProvider | undefined;
  private sandbox: Sandbox | undefined;
  private prompt: ApprovalPrompt | undefined;
  private gate: CliApprovalGate | undefined;
  /** A paused run's sandbox stays for its resume, whatever --keep-sandbox says. */
  private keepSandbox: boolean;

  constructor(
    private readonly context: CliContext,
    private readonly output: RunOutputOptions,
  ) {
    this.keepSandbox = output.keepSandbox;
    void context.waitForStop().then((signal) => {
      if (this.finished) return;
      // Waiting at a gate, a stop leaves the run awaiting approval rather than cancelling it.
      if (this.gate?.interruptWait()) {
        context.writeError(`\nReceived ${signal}: the run stays awaiting approval.\n`);
        return;
      }
      context.writeError(`\nReceived ${signal}, stopping the run.\n`);
      this.stopping.abort();
    });
  }

  /** A new run of `agent` on `goal`. */
  async start(agent: AgentName, goal: string, input: RunSettingsInput & RunLessonsFlags): Promise<void> {
    const { config, file } = await loadConfigFile({ cwd: this.context.cwd, path: input.config });
    checkWorkingMemoryAgents(config.workingMemory, agentNames, file ?? 'the config');
    this.provider = new ModelProvider({ config, latency: input.latency, env: this.context.env });
    const store = await this.openStore();
    const model = await this.provider.open(input.model);
    const memory = await openRunMemory(input, { config, provider: this.provider, store, agent });
    this.sandbox = await createSandbox({ fixtures: input.fixtures ?? DEFAULT_SANDBOX_FIXTURES_DIRECTORY });
    const lessons = await recallRunLessons(input, { config, provider: this.provider, store, goal, quiet: this.output.quiet, writeError: this.context.writeError });
    const settings = { ...runSettings(agent, goal, { ...input, ...(file === undefined ? {} : { config: file }) }, this.sandbox.root), ...(lessons ? { lessons } : {}) };
    const record = await store.agentRuns.create({ id: newAgentRunId(), agent, goal, model: input.model, settings, startedAt: Date.now() });
    await this.execute({ settings, config, model, memory, hold: { runId: record.id, claim: record.claim } });
  }

  /** Goes on with a run that paused at an approval gate or was interrupted, from its journal. */
  async resume(idOrPrefix: string, overrides: { latency?: LatencyMode }): Promise<void> {
    const store = await this.openStore();
    const { record, settings, journal } = await resumableRun(store, idOrPrefix, {
      waitForApproval: this.output.waitForApproval,
      howToDecide: (approvalId) => this.howToDecide(approvalId),
      writeError: this.context.writeError,
    });
    const { config } = settings.config === undefined ? { config: emptyConfig } : await loadConfigFile({ cwd: this.context.cwd, path: settings.config });
    this.provider = new ModelProvider({ config, latency: overrides.latency ?? settings.latency, env: this.context.env });
    const model = await this.provider.open(settings.model);
    const memory = await openRunMemory(settings.memory, { config, provider: this.provider, store, agent: settings.agent });
    const claim = await store.agentRuns.claim(record.id, Date.now());
    if (claim === undefined) throw refuse(this.context.writeError, `Run ${record.id} is already being resumed by another process.`);
    this.sandbox = reopenSandbox(settings.sandbox);
    await this.execute({ settings, config, model, memory, hold: { runId: record.id, claim }, resumed: { record, journal } });
  }

  async close(): Promise<void> {
    this.finished = true;
    this.prompt?.close();
    if (this.sandbox && !this.keepSandbox) await this.sandbox.remove();
    // Shutting down flushes the OTLP exporter and the store's sink, so the trace is delivered and
    // kept before the process ends.
    await this.tracing?.shutdown();
    await this.store?.close();
    await this.provider?.close();
  }

  /**
   * Spans are kept in memory for the summary, in the store for the report (as an eval's are), and go
   * over OTLP when the variables or --otlp ask. The store is opened once the tracing settings are
   * accepted, so a run refused for a bad OTLP protocol leaves no database behind.
   */
  private async openStore(): Promise<StoreBackend> {
    this.tracing = setupTracing({ environment: this.context.env, otlpUrl: this.output.otlp, sinks: [this.spans, { write: (records) => this.storeSink?.write(records) }], version: packageVersion, onExportFailure: (message) => this.context.writeError(`warning: ${message}\n`) });
    const store = await openCommandStore(this.output.store, this.context);
    this.store = store;
    return store;
  }

  private async execute(run: OpenedRun): Promise<void> {
    const { context, output } = this;
    const store = this.store!;
    const tracing = this.tracing!;
    const { settings, hold } = run;
    const agent = settings.agent as AgentName;
    // Model calls without a cost of their own are priced from the config's table, as in an eval.
    const prices = new PriceTable(run.config);
    this.storeSink = normalizingSink(store, { priceFor: (name) => prices.lookup(name) });
    const registry = createDefaultRegistry({ sandbox: this.sandbox!, ...(run.memory ? { memory: run.memory.tools } : {}) });
    const toolApprovals = run.config.approvals?.tools;
    const unknownTools = Object.keys(toolApprovals ?? {}).filter((tool) => registry.get(tool) === undefined);
    if (unknownTools.length > 0) context.writeError(`warning: config approvals.tools names ${unknownTools.join(', ')}, which this run has no tool called; its tools are ${registry.names().join(', ')}.\n`);
    const mode: GateMode = output.waitForApproval ? 'wait' : context.isInteractive ? 'terminal' : 'pause';
    if (mode === 'terminal') this.prompt = createApprovalPrompt({ openInput: context.openInput, write: context.writeError });
    const saver = new RunJournalSaver(store, hold, context.writeError);
    const journal = new RunJournal(run.resumed?.journal ?? [], (entries) => saver.save(entries));
    const gate = new CliApprovalGate({
      store,
      hold,
      goal: settings.goal,
      mode,
      ...(this.prompt ? { prompt: this.prompt } : {}),
      user: deciderName(context.env),
      now: Date.now,
      pollIntervalMs: APPROVAL_POLL_INTERVAL_MS,
      writeError: context.writeError,
      howToDecide: (approvalId) => this.howToDecide(approvalId),
      journal: () => journal.entries,
      journalSaved: () => saver.settled(),
      flush: () => tracing.forceFlush(),
    });
    this.gate = gate;
    if (!output.quiet) {
      context.writeError(run.resumed ? `Resuming run ${hold.runId}: replaying ${journal.recordedCount} recorded model replies and tool results.\n` : `Run ${hold.runId}\n`);
    }
    const startedAt = performance.now();
    const format = createProgressFormatter();
    let outcome: AgentResult;
    try {
      // Events are printed as they are emitted rather than through streamAgent's async iterable,
      // which delivers them a tick late: an approval question would then come before its tool call.
      const taught = applyRunLessons(agentPatterns[agent], settings.lessons, settings.captureContent || captureContentFromEnvironment(context.env));
      outcome = await runAgent(agent, taught.agent, settings.goal, {
        ...taught.options,
        model: run.model,
        tools: registry,
        allowed: settings.allow,
        ...(toolApprovals ? { toolApprovals } : {}),
        approvalGate: gate.gate,
        journal,
        signal: this.stopping.signal,
        limits: settings.limits,
        ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
        ...(settings.seed === undefined ? {} : { seed: settings.seed }),
        tracer: tracing.tracer,
        captureContent: settings.captureContent || captureContentFromEnvironment(context.env),
        workingMemory: resolveWorkingMemory(run.config.workingMemory, agent, {
          ...(settings.compressAt === undefined ? {} : { threshold: settings.compressAt }),
          ...(settings.compress ? {} : { enabled: false }),
        }),
        ...(run.resumed?.record.traceId && run.resumed.record.rootSpanId ? { traceParent: { traceId: run.resumed.record.traceId, spanId: run.resumed.record.rootSpanId } } : {}),
        onRootSpan: (ids) => store.agentRuns.setTrace(hold.runId, ids.traceId, ids.spanId),
        onEvent: (event) => {
          const line = output.quiet ? undefined : format(event);
          if (line !== undefined) context.writeError(`${line}\n`);
        },
      });
    } catch (error) {
      // Not a status but a failure of the command itself: the run ends as an error, not resumable.
      const message = error instanceof Error ? error.message : String(error);
      await saver.settled();
      await store.agentRuns.finish(hold.runId, hold.claim, { status: 'error', output: '', error: { code: 'run_failed', message }, journal: [...journal.entries], at: Date.now() }).catch(() => false);
      throw error;
    }
    const wallTimeMs = performance.now() - startedAt;
    await tracing.forceFlush();
    await saver.settled();
    if (outcome.status === 'awaiting_approval') return this.paused(hold, outcome, journal);
    await store.agentRuns.finish(hold.runId, hold.claim, {
      status: outcome.status,
      output: outcome.output,
      ...(outcome.error ? { error: outcome.error } : {}),
      journal: [...journal.entries],
      at: Date.now(),
    });
    await recordRunEpisode(run.memory, { goal: settings.goal, agent, model: settings.model, result: outcome }, { quiet: output.quiet, writeError: context.writeError });
    await queueRetriesExhausted(store, { runId: hold.runId, agent, model: settings.model, goal: settings.goal, result: outcome }, { quiet: output.quiet, writeError: context.writeError });
    const rated = await rateRunAnswer({
      store, runId: hold.runId, agent, goal: settings.goal, model: run.model, config: run.config, flagThreshold: settings.confidenceThreshold, seed: settings.seed, result: outcome,
      tracer: tracing.tracer, captureContent: settings.captureContent || captureContentFromEnvironment(context.env), writeError: context.writeError, storeFlag: this.storeFlag(),
    });
    if (rated) {
      outcome = rated.result;
      await tracing.forceFlush();
    }
    const traceSummary = outcome.traceId ? summarizeTrace(this.spans.trace(outcome.traceId), () => run.model.prices) : undefined;
    reportRun(context, outcome, {
      runId: hold.runId,
      model: run.model,
      json: output.json,
      wallTimeMs,
      keptSandbox: output.keepSandbox ? this.sandbox!.root : undefined,
      trace: traceSummary && { summary: traceSummary, ...(tracing.otlp ? { exportedTo: tracing.otlp.url, ...(tracing.exportFailure() ? { exportFailed: true } : {}) } : {}) },
    });
    if (outcome.status !== 'completed') throw new CommandExit(EXIT_FAILURE, `the run ended with status ${outcome.status}`);
  }

  /** The run stopped at a gate: say what waits and how to go on, keep the sandbox, exit 3. */
  private async paused(hold: RunHold, outcome: AgentResult, journal: RunJournal): Promise<never> {
    const { context, output } = this;
    const pause = this.gate?.paused;
    if (pause?.claimLost) {
      context.writeError(`Run ${hold.runId} was taken over by another process (agentlab run --resume) while this one waited; it goes on there.\n`);
      throw new CommandExit(EXIT_FAILURE, 'the run was taken over by another process');
    }
    // A gate that paused has saved the journal; this keeps it if something else stopped the run at the gate.
    if (!pause) await this.store!.agentRuns.pause(hold.runId, hold.claim, [...journal.entries], Date.now());
    this.keepSandbox = true;
    const pending = outcome.pendingApproval;
    const approvalId = pause?.approvalId ?? pending?.approvalId;
    const approval = approvalId === undefined ? undefined : await this.store!.approvals.get(approvalId);
    const what = approval ? `${describeCall(approval.tool, approval.arguments)} by ${toTerminalLine(approval.agent, 100)}` : (pending?.tool ?? 'a tool call');
    const text =
      `Run ${hold.runId} is awaiting approval: ${what}${approvalId === undefined ? '' : ` (approval ${approvalId})`}.\n` +
      (approvalId === undefined ? '' : `${this.howToDecide(approvalId)}\n`) +
      `Then continue it with: agentlab run --resume ${hold.runId}${this.storeFlag()}\n` +
      `Its sandbox is kept at ${this.sandbox!.root} until then.\n`;
    if (output.json) {
      context.writeOut(`${JSON.stringify({ runId: hold.runId, ...outcome }, null, 2)}\n`);
      context.writeError(text);
    } else {
      context.writeOut(text);
    }
    throw new CommandExit(EXIT_AWAITING_APPROVAL, `run ${hold.runId} is awaiting approval`);
  }

  /** --store again in the commands printed, when it was given (a URL without its password). */
  private storeFlag(): string {
    return this.store ? storeFlag(this.output.store, this.store) : '';
  }

  private howToDecide(approvalId: string): string {
    const store = this.storeFlag();
    return (
      `  approve: agentlab approvals approve ${approvalId}${store}\n` +
      `  reject:  agentlab approvals reject ${approvalId} --reason "…"${store}\n` +
      `  or on the approvals page of the report: agentlab serve${store}, then open /approvals`
    );
  }
}
