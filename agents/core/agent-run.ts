// One agent run's shared state: the trajectory, summed usage, limits and progress events. Agents and
// their workers make every model and tool call through it, so budgets and the trajectory see all, and
// so does the journal: a resumed run is served its recorded replies and results from it (run-journal.ts),
// and a call that needs approval goes through the run's gate, which may pause the run there.
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { approvalContextMessages, defaultMaxSteps, defaultMaxTokens, defaultModelTimeoutMs, defaultModelTries, defaultGenerationTemperature } from '../constants.js';
import { DEFAULT_COMPRESS_THRESHOLD, DEFAULT_KEEP_RECENT, WorkingMemory } from '../memory/working-memory.js';
import type { ApprovalGate, ToolCall, ToolExecution } from '../tools/index.js';
import { AgentlabAttribute } from '../../tracing/index.js';
import type { AgentStatus, ModelCallStep, TokenUsage, TrajectoryStep } from './agent-result.js';
import type { AgentLimits, AgentOptions } from './agent-options.js';
import { approvalContext } from './approval-gate.js';
import { callModel, type ModelRequest } from './call-model.js';
import { withLessons } from './lessons-prompt.js';
import type { ProgressEvent } from './progress-event.js';
import { RunJournal, type ModelFailureEntry, type ModelReplyEntry } from './run-journal.js';
import { RunStop } from './run-stop.js';
import { RunTracing } from './run-tracing.js';

type DistributiveOmit<Type, Key extends PropertyKey> = Type extends unknown ? Omit<Type, Key> : never;

/** The role recorded on the summary calls working memory makes. */
export const workingMemoryAgent = 'working-memory';

/** A summary call that failed for these reasons leaves the conversation as it was; other stops end the run. */
const summaryFailureCodes: ReadonlySet<string> = new Set(['model_call_failed', 'model_request_rejected', 'context_length_exceeded']);

async function defaultSleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  if (milliseconds <= 0) return;
  await sleepFor(milliseconds, undefined, signal ? { signal } : {}).catch(() => undefined);
}

export class AgentRun {
  readonly steps: TrajectoryStep[] = [];
  readonly usage: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  readonly counters: Record<string, number> = {};
  readonly limits: AgentLimits;
  readonly generationTemperature: number;
  readonly tracing: RunTracing;
  /** Absent when turned off or when the model's context window is unknown. */
  readonly workingMemory: WorkingMemory | undefined;
  /** Every model reply and tool result, in order; serves a resumed run's recorded ones first. */
  readonly journal: RunJournal;
  private modelCalls = 0;
  /** Per agent, the last request it sent and the reply: the preview a gated call's approver reads. */
  private readonly lastExchange = new Map<string, { messages: readonly ChatCompletionMessageParam[]; reply?: ChatCompletion }>();
  /** How often each model call id has been seen, so that a call id a model repeats still names one call. */
  private readonly callIdsSeen = new Map<string, number>();

  constructor(readonly options: AgentOptions) {
    this.limits = {
      maxSteps: options.limits?.maxSteps ?? defaultMaxSteps,
      maxTokens: options.limits?.maxTokens ?? defaultMaxTokens,
      modelTimeoutMs: options.limits?.modelTimeoutMs ?? defaultModelTimeoutMs,
      modelTries: options.limits?.modelTries ?? defaultModelTries,
    };
    this.generationTemperature = options.temperature ?? defaultGenerationTemperature;
    this.journal = options.journal ?? new RunJournal();
    this.tracing = new RunTracing(options, () => this.journal.replaying);
    const { contextWindow } = options.model;
    const memory = options.workingMemory ?? { threshold: DEFAULT_COMPRESS_THRESHOLD, keepRecent: DEFAULT_KEEP_RECENT };
    this.workingMemory = memory === false || contextWindow === undefined ? undefined : new WorkingMemory(memory, contextWindow, options.model.model);
  }

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Progress events; a resumed run's replayed part was shown when it first happened, so it sends none but its start and end. */
  emit(event: DistributiveOmit<ProgressEvent, 'at'>): void {
    if (this.journal.replaying && event.type !== 'run-start' && event.type !== 'run-end') return;
    this.options.onEvent?.({ ...event, at: this.now() } as ProgressEvent);
  }

  count(counter: string): number {
    this.counters[counter] = (this.counters[counter] ?? 0) + 1;
    return this.counters[counter];
  }

  /**
   * A model call, counted against max_steps and the token budget. Working memory first fits the request
   * to the model's context window, compressing `request.messages` in place, so a caller that keeps
   * adding to that array goes on from the compressed conversation.
   */
  async callModel(agent: string, request: ModelRequest, options: { compress?: boolean } = {}): Promise<ChatCompletion> {
    if (options.compress !== false) await this.fitContextWindow(agent, request);
    request = withLessons(request, this.options.lessons);
    if (this.modelCalls >= this.limits.maxSteps) {
      throw new RunStop('max_steps', 'max_steps', `the run reached its limit of ${this.limits.maxSteps} model calls`);
    }
    this.modelCalls++;
    const recorded = this.journal.nextModelCall(agent);
    if (recorded) return this.replayModelCall(agent, request, recorded);
    this.emit({ type: 'step-start', agent, step: this.modelCalls });
    const span = this.tracing.startChat(request);
    try {
      const { completion, step } = await callModel(agent, request, {
        model: this.options.model,
        limits: this.limits,
        ...(this.options.seed === undefined ? {} : { seed: this.options.seed }),
        ...(this.options.signal ? { signal: this.options.signal } : {}),
        now: () => this.now(),
        sleep: this.options.sleep ?? defaultSleep,
        onRetry: (attempt, error, waitMs) => this.emit({ type: 'model-retry', agent, attempt, error, waitMs }),
      });
      this.tracing.endChat(span, step);
      await this.journal.record({ type: 'model_reply', step, completion });
      this.lastExchange.set(agent, { messages: request.messages.slice(-approvalContextMessages), reply: completion });
      this.emit({ type: 'model-call', step });
      this.addModelStep(step);
      return completion;
    } catch (error) {
      if (error instanceof RunStop && error.failedStep) {
        this.tracing.endChat(span, error.failedStep, error);
        await this.journal.record({ type: 'model_failure', step: error.failedStep, stop: { status: error.status, code: error.code, message: error.message } });
        this.steps.push(error.failedStep);
        this.emit({ type: 'model-call', step: error.failedStep });
      } else if (error instanceof RunStop && error.code === 'aborted') {
        span.end();
      }
      throw error;
    }
  }

  /** A model call of a resumed run, answered from its journal: counted as before, with no span and no request. */
  private replayModelCall(agent: string, request: ModelRequest, entry: ModelReplyEntry | ModelFailureEntry): ChatCompletion {
    if (entry.type === 'model_failure') {
      this.steps.push(entry.step);
      throw new RunStop(entry.stop.status, entry.stop.code, entry.stop.message, { failedStep: entry.step });
    }
    this.lastExchange.set(agent, { messages: request.messages.slice(-approvalContextMessages), reply: entry.completion });
    this.addModelStep(entry.step);
    return entry.completion;
  }

  private addModelStep(step: ModelCallStep): void {
    this.steps.push(step);
    this.usage.inputTokens += step.inputTokens;
    this.usage.outputTokens += step.outputTokens;
    this.usage.totalTokens += step.inputTokens + step.outputTokens;
    if (this.usage.totalTokens > this.limits.maxTokens) {
      throw new RunStop('budget_exceeded', 'budget_exceeded', `the run used ${this.usage.totalTokens} tokens, over its budget of ${this.limits.maxTokens}`);
    }
  }

  /**
   * Compresses the conversation when it has grown to the threshold of the window: the summary is a
   * model call like any other (counted, traced, on the trajectory), inside a `memory.compress` span.
   * A summary call that fails leaves the conversation as it was; if that does not fit, the run stops.
   */
  private async fitContextWindow(agent: string, request: ModelRequest): Promise<void> {
    const memory = this.workingMemory;
    if (!memory) return;
    const plan = await memory.plan(agent, request);
    if (!plan) return;
    await this.tracing.memorySpan(
      agent,
      { [AgentlabAttribute.memoryContextWindow]: memory.contextWindow, [AgentlabAttribute.memoryThreshold]: memory.settings.threshold, [AgentlabAttribute.memoryTokensBefore]: plan.tokensBefore },
      async (span) => {
        let summary = '';
        try {
          const completion = await this.callModel(workingMemoryAgent, plan.summaryRequest, { compress: false });
          summary = completion.choices[0]?.message.content?.trim() ?? '';
          if (summary === '') throw new RunStop('error', 'model_request_rejected', `${memory.model} returned an empty summary`);
        } catch (error) {
          if (!(error instanceof RunStop) || !summaryFailureCodes.has(error.code)) throw error;
          this.tracing.markFailed(span, error);
          if (plan.tokensBefore > memory.contextWindow) throw memory.overflow(agent, plan.tokensBefore, `and the summary call that would have shortened it failed: ${error.message}`);
          return;
        }
        const record = await memory.apply(agent, request, plan, summary);
        span.setAttributes({
          [AgentlabAttribute.memoryMessagesFolded]: record.messagesFolded,
          [AgentlabAttribute.memoryTokensAfter]: record.tokensAfter,
          [AgentlabAttribute.memorySummaryTokens]: record.summaryTokens,
        });
        this.emit({ type: 'memory-compressed', agent, ...record });
      },
    );
  }

  /**
   * Runs a tool call through the registry (or records a result the agent decided on itself). A call
   * that needs approval goes through the run's gate; when the gate pauses, the run stops here with
   * `awaiting_approval` and the call has not run. A resumed run is served the recorded result instead.
   */
  async executeTool(agent: string, call: ToolCall, decided?: { content: string; errorCode: string }): Promise<{ ok: boolean; content: string }> {
    const seen = (this.callIdsSeen.get(call.id) ?? 0) + 1;
    this.callIdsSeen.set(call.id, seen);
    const recorded = this.journal.nextToolCall(agent, call.name, call.arguments);
    if (recorded) {
      this.steps.push(recorded.step);
      return { ok: recorded.step.ok, content: recorded.step.result };
    }
    // Unique in the run even if a model reuses a call id: the approval of one call never answers another.
    const callId = seen === 1 ? call.id : `${call.id}#${seen}`;
    this.emit({ type: 'tool-call', agent, callId: call.id, tool: call.name, arguments: call.arguments });
    const span = this.tracing.startTool(call.id, call.name, call.arguments, this.options.tools.get(call.name)?.permission);
    const startedAt = this.now();
    const execution: Omit<ToolExecution, 'errorCode'> & { errorCode?: string } = decided
      ? { ok: false, content: decided.content, errorCode: decided.errorCode, durationMs: 0 }
      : await this.options.tools.execute(call, {
          ...(this.options.allowed ? { allowed: this.options.allowed } : {}),
          ...(this.options.toolApprovals ? { toolApprovals: this.options.toolApprovals } : {}),
          ...(this.options.approvalGate ? { gate: this.gateFor(agent, call, callId, span) } : {}),
          ...(this.options.signal ? { signal: this.options.signal } : {}),
        });
    if (execution.errorCode === 'awaiting_approval') {
      this.tracing.endToolPaused(span, execution.pendingApprovalId);
      const pendingApproval = { agent, tool: call.name, callId, arguments: call.arguments, ...(execution.pendingApprovalId === undefined ? {} : { approvalId: execution.pendingApprovalId }) };
      const waitingFor = execution.pendingApprovalId === undefined ? 'an approval' : `approval ${execution.pendingApprovalId}`;
      throw new RunStop('awaiting_approval', 'awaiting_approval', `the call to ${call.name} waits for ${waitingFor}`, { pendingApproval });
    }
    const step = {
      type: 'tool_call' as const,
      agent,
      callId: call.id,
      tool: call.name,
      arguments: call.arguments,
      ok: execution.ok,
      result: execution.content,
      ...(execution.errorCode ? { errorCode: execution.errorCode } : {}),
      ...(execution.approved === undefined ? {} : { approved: execution.approved }),
      ...(execution.verdict === undefined ? {} : { approval: execution.verdict }),
      latencyMs: decided ? 0 : execution.durationMs,
      startedAt,
    };
    this.tracing.endTool(span, step);
    this.steps.push(step);
    await this.journal.record({ type: 'tool_result', step });
    this.emit({ type: 'tool-result', step });
    if (this.options.signal?.aborted) throw new RunStop('error', 'aborted', 'the run was cancelled');
    return execution;
  }

  /** The run's gate as the registry calls it, given what the approver needs: the agent, a unique call id, the conversation. */
  private gateFor(agent: string, call: ToolCall, callId: string, span: Parameters<RunTracing['approvalRequested']>[0]): ApprovalGate {
    const gate = this.options.approvalGate!;
    return (request) => {
      const exchange = this.lastExchange.get(agent);
      return gate({
        ...request,
        callId,
        agent,
        argumentsText: call.arguments,
        context: approvalContext(exchange?.messages ?? [], exchange?.reply),
        onPending: (approvalId) => this.tracing.approvalRequested(span, { approvalId, tool: call.name, argumentsText: call.arguments }),
      });
    };
  }

  /** A worker, plan step or stage: a named part of the run with its own start and end events. */
  async invokeAgent<Result extends { status: AgentStatus }>(agent: string, task: string, work: () => Promise<Result>): Promise<Result> {
    this.emit({ type: 'agent-start', agent, task });
    try {
      const result = await this.tracing.agentSpan(agent, this.steps, {}, () => work());
      this.emit({ type: 'agent-end', agent, status: result.status });
      return result;
    } catch (error) {
      this.emit({ type: 'agent-end', agent, status: error instanceof RunStop ? error.status : 'error' });
      throw error;
    }
  }
}
