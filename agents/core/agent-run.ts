// One agent run's shared state: the trajectory, summed usage, limits and progress events. Agents and
// their workers make every model and tool call through it, so budgets and the trajectory see all.
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { defaultMaxSteps, defaultMaxTokens, defaultModelTimeoutMs, defaultModelTries, defaultGenerationTemperature } from '../constants.js';
import type { ToolCall, ToolExecution } from '../tools/index.js';
import type { AgentStatus, TokenUsage, TrajectoryStep } from './agent-result.js';
import type { AgentLimits, AgentOptions } from './agent-options.js';
import { callModel, type ModelRequest } from './call-model.js';
import type { ProgressEvent } from './progress-event.js';
import { RunStop } from './run-stop.js';
import { RunTracing } from './run-tracing.js';

type DistributiveOmit<Type, Key extends PropertyKey> = Type extends unknown ? Omit<Type, Key> : never;

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

  /** A model call, counted against max_steps and the token budget. */
  async callModel(agent: string, request: ModelRequest): Promise<ChatCompletion> {
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
