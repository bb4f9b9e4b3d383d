// One agent run's shared state: the trajectory, summed usage, limits and progress events. Agents and
// their workers make every model and tool call through it, so budgets and the trajectory see all.
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { defaultMaxSteps, defaultMaxTokens, defaultModelTimeoutMs, defaultModelTries, defaultGenerationTemperature } from '../constants.js';
import { DEFAULT_COMPRESS_THRESHOLD, DEFAULT_KEEP_RECENT, WorkingMemory } from '../memory/working-memory.js';
import type { ToolCall, ToolExecution } from '../tools/index.js';
import { AgentlabAttribute } from '../../tracing/index.js';
import type { AgentStatus, TokenUsage, TrajectoryStep } from './agent-result.js';
import type { AgentLimits, AgentOptions } from './agent-options.js';
import { callModel, type ModelRequest } from './call-model.js';
import type { ProgressEvent } from './progress-event.js';
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
  private modelCalls = 0;

  constructor(readonly options: AgentOptions) {
    this.limits = {
      maxSteps: options.limits?.maxSteps ?? defaultMaxSteps,
      maxTokens: options.limits?.maxTokens ?? defaultMaxTokens,
      modelTimeoutMs: options.limits?.modelTimeoutMs ?? defaultModelTimeoutMs,
      modelTries: options.limits?.modelTries ?? defaultModelTries,
    };
    this.generationTemperature = options.temperature ?? defaultGenerationTemperature;
    this.tracing = new RunTracing(options);
    const { contextWindow } = options.model;
    const memory = options.workingMemory ?? { threshold: DEFAULT_COMPRESS_THRESHOLD, keepRecent: DEFAULT_KEEP_RECENT };
    this.workingMemory = memory === false || contextWindow === undefined ? undefined : new WorkingMemory(memory, contextWindow, options.model.model);
  }

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  emit(event: DistributiveOmit<ProgressEvent, 'at'>): void {
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
    if (this.modelCalls >= this.limits.maxSteps) {
      throw new RunStop('max_steps', 'max_steps', `the run reached its limit of ${this.limits.maxSteps} model calls`);
    }
    this.modelCalls++;
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
      this.steps.push(step);
      this.usage.inputTokens += step.inputTokens;
      this.usage.outputTokens += step.outputTokens;
      this.usage.totalTokens += step.inputTokens + step.outputTokens;
      this.emit({ type: 'model-call', step });
      if (this.usage.totalTokens > this.limits.maxTokens) {
        throw new RunStop('budget_exceeded', 'budget_exceeded', `the run used ${this.usage.totalTokens} tokens, over its budget of ${this.limits.maxTokens}`);
      }
      return completion;
    } catch (error) {
      if (error instanceof RunStop && error.failedStep) {
        this.tracing.endChat(span, error.failedStep, error);
        this.steps.push(error.failedStep);
        this.emit({ type: 'model-call', step: error.failedStep });
      } else if (error instanceof RunStop && error.code === 'aborted') {
        span.end();
      }
      throw error;
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

  /** Runs a tool call through the registry (or records a result the agent decided on itself). */
  async executeTool(agent: string, call: ToolCall, decided?: { content: string; errorCode: string }): Promise<{ ok: boolean; content: string }> {
    this.emit({ type: 'tool-call', agent, callId: call.id, tool: call.name, arguments: call.arguments });
    const span = this.tracing.startTool(call.id, call.name, call.arguments);
    const startedAt = this.now();
    const execution: Omit<ToolExecution, 'errorCode'> & { errorCode?: string } = decided
      ? { ok: false, content: decided.content, errorCode: decided.errorCode, durationMs: 0 }
      : await this.options.tools.execute(call, {
          ...(this.options.allowed ? { allowed: this.options.allowed } : {}),
          ...(this.options.approve ? { approve: this.options.approve } : {}),
          ...(this.options.signal ? { signal: this.options.signal } : {}),
        });
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
      latencyMs: decided ? 0 : execution.durationMs,
      startedAt,
    };
    this.tracing.endTool(span, step);
    this.steps.push(step);
    this.emit({ type: 'tool-result', step });
    if (this.options.signal?.aborted) throw new RunStop('error', 'aborted', 'the run was cancelled');
    return execution;
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
