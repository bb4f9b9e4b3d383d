// The spans of one agent run, following the GenAI conventions: `invoke_agent {agent}` for the run
// and each worker, stage or plan step, `chat {model}` for every model call, `execute_tool {tool}`
// for every tool call. Only @opentelemetry/api is used here; with no SDK set up it costs next to nothing.
// A gated tool span carries the approval (events when it was asked and decided, attributes for the
// decision); a resumed run makes no spans for what it replays, and its root joins the first run's trace.
import { context, INVALID_SPAN_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { costUsd, type TokenPrices } from '../../models/index.js';
import { AgentlabAttribute, AgentlabEvent, capCapturedContent, GenAiAttribute, GenAiOperation, GeneralAttribute, genAiSpanName, inputMessagesAttribute, outputMessagesAttribute } from '../../tracing/index.js';
import type { AgentOptions } from './agent-options.js';
import type { AgentStatus, ModelCallStep, ToolCallStep, TrajectoryStep } from './agent-result.js';
import type { ModelRequest } from './call-model.js';
import { RunStop } from './run-stop.js';

const tracerName = 'agentlab';
/** The span of one working-memory compression. */
export const memoryCompressSpanName = 'memory.compress';
/** `await_approval {tool}`: the moment a gated call began to wait for a decision. */
export const awaitApprovalSpanPrefix = 'await_approval';


/** What a finished model call puts on its `chat` span, for the agents' spans and the proxy's alike. */
export function chatResultAttributes(step: ModelCallStep, prices: TokenPrices | undefined): Attributes {
  return {
    [GenAiAttribute.usageInputTokens]: step.inputTokens,
    [GenAiAttribute.usageOutputTokens]: step.outputTokens,
    [AgentlabAttribute.attempts]: step.attempts,
    ...(step.responseId ? { [GenAiAttribute.responseId]: step.responseId } : {}),
    ...(step.responseModel ? { [GenAiAttribute.responseModel]: step.responseModel } : {}),
    ...(step.finishReason ? { [GenAiAttribute.responseFinishReasons]: [step.finishReason] } : {}),
    ...(prices ? { [GenAiAttribute.usageCost]: costUsd(step, prices) } : {}),
  };
}

function errorTypeOf(error: unknown): string {
  if (error instanceof RunStop) {
    const last = error.failedStep?.retries?.at(-1);
    if (last?.status !== undefined) return String(last.status);
    if (last?.error === 'timed out') return 'timeout';
    return error.code;
  }
  return error instanceof Error ? error.name : 'error';
}

function markFailed(span: Span, error: unknown, errorType = errorTypeOf(error)): void {
  span.setAttribute(GeneralAttribute.errorType, errorType);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  span.recordException(error instanceof Error ? error : new Error(String(error)));
}

export class RunTracing {
  private readonly tracer: Tracer;

  /** `replaying`: true while a resumed run is served from its journal, when no chat, tool or memory spans are made. */
  constructor(
    private readonly options: AgentOptions,
    private readonly replaying: () => boolean = () => false,
  ) {
    this.tracer = options.tracer ?? trace.getTracer(tracerName);
  }

  /** Where the run's root span starts: under the first run's root when resuming (a remote parent), else the active context. */
  rootContext(): Context {
    const parent = this.options.traceParent;
    if (!parent) return context.active();
    return trace.setSpanContext(context.active(), { traceId: parent.traceId, spanId: parent.spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true });
  }

  /** Runs `work` inside an `invoke_agent` span that is the parent of every span started within it. */
  async agentSpan<Result extends { status: AgentStatus; error?: { code: string } }>(
    agent: string,
    steps: TrajectoryStep[],
    extraAttributes: Attributes,
    work: (span: Span) => Promise<Result>,
    parent: Context = context.active(),
  ): Promise<Result> {
    const { model } = this.options;
    const span = this.tracer.startSpan(
      genAiSpanName(GenAiOperation.invokeAgent, agent),
      {
        kind: SpanKind.INTERNAL,
        attributes: {
          [GenAiAttribute.operationName]: GenAiOperation.invokeAgent,
          [GenAiAttribute.agentName]: agent,
          [GenAiAttribute.providerName]: model.provider,
          [GenAiAttribute.requestModel]: model.model,
          ...(this.replaying() ? { [AgentlabAttribute.replayed]: true } : {}),
          ...extraAttributes,
        },
      },
      parent,
    );
    const firstStep = steps.length;
    const finish = (status: AgentStatus) => {
      if (!span.isRecording()) return;
      let input = 0;
      let output = 0;
      for (const step of steps.slice(firstStep)) {
        if (step.type !== 'model_call') continue;
        input += step.inputTokens;
        output += step.outputTokens;
      }
      span.setAttributes({ [GenAiAttribute.usageInputTokens]: input, [GenAiAttribute.usageOutputTokens]: output, [AgentlabAttribute.agentStatus]: status });
      if (model.prices) span.setAttribute(GenAiAttribute.usageCost, costUsd({ inputTokens: input, outputTokens: output }, model.prices));
    };
    try {
      const result = await context.with(trace.setSpan(parent, span), () => work(span));
      finish(result.status);
      // A run waiting for approval has not failed: it goes on when resumed.
      if (result.status !== 'completed' && result.status !== 'awaiting_approval') markFailed(span, new Error(`the agent ended with status ${result.status}`), result.error?.code ?? result.status);
      return result;
    } catch (error) {
      finish(error instanceof RunStop ? error.status : 'error');
      if (!(error instanceof RunStop && error.status === 'awaiting_approval')) markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  /**
   * Runs a working-memory compression inside a `memory.compress` span: a child of the agent's span and
   * the parent of the summary's `chat` span. An error thrown by `work` marks it failed.
   */
  async memorySpan<Result>(agent: string, attributes: Attributes, work: (span: Span) => Promise<Result>): Promise<Result> {
    // A replayed compression was traced when it happened; its summary call is served from the journal.
    if (this.replaying()) return work(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
    const span = this.tracer.startSpan(memoryCompressSpanName, { kind: SpanKind.INTERNAL, attributes: { [GenAiAttribute.agentName]: agent, ...attributes } });
    try {
      return await context.with(trace.setSpan(context.active(), span), () => work(span));
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  /** Marks a span failed without ending the run: a summary call that failed, after which the run goes on. */
  markFailed(span: Span, error: unknown): void {
    if (span.isRecording()) markFailed(span, error);
  }

  /** Starts a `chat {model}` span for a model call about to be made. */
  startChat(request: ModelRequest): Span {
    const { model } = this.options;
    const span = this.tracer.startSpan(genAiSpanName(GenAiOperation.chat, model.model), { kind: SpanKind.CLIENT });
    if (!span.isRecording()) return span;
    span.setAttributes({
      [GenAiAttribute.operationName]: GenAiOperation.chat,
      [GenAiAttribute.providerName]: model.provider,
      [GenAiAttribute.requestModel]: model.model,
      [GenAiAttribute.requestTemperature]: request.temperature ?? 0,
      ...(this.options.seed === undefined ? {} : { [GenAiAttribute.requestSeed]: this.options.seed }),
      ...(request.response_format?.type === 'json_schema' ? { [GenAiAttribute.outputType]: 'json' } : { [GenAiAttribute.outputType]: 'text' }),
      ...(model.serverAddress ? { [GeneralAttribute.serverAddress]: model.serverAddress } : {}),
      ...(model.serverPort ? { [GeneralAttribute.serverPort]: model.serverPort } : {}),
    });
    if (this.options.captureContent) span.setAttribute(GenAiAttribute.inputMessages, inputMessagesAttribute(request.messages));
    return span;
  }

  endChat(span: Span, step: ModelCallStep, error?: unknown): void {
    if (span.isRecording()) {
      for (const retry of step.retries ?? []) {
        span.addEvent('gen_ai.client.retry', { attempt: retry.attempt, [GeneralAttribute.errorType]: retry.status === undefined ? retry.error : String(retry.status), 'retry.wait_ms': retry.waitedMs });
      }
      span.setAttributes(chatResultAttributes(step, this.options.model.prices));
      if (this.options.captureContent && !error) {
        span.setAttribute(GenAiAttribute.outputMessages, outputMessagesAttribute(step));
      }
      if (error) markFailed(span, error);
    }
    span.end();
  }

  startTool(callId: string, tool: string, argumentsText: string, permission?: string): Span {
    const span = this.tracer.startSpan(genAiSpanName(GenAiOperation.executeTool, tool), { kind: SpanKind.INTERNAL });
    if (!span.isRecording()) return span;
    span.setAttributes({
      [GenAiAttribute.operationName]: GenAiOperation.executeTool,
      [GenAiAttribute.toolName]: tool,
      [GenAiAttribute.toolType]: 'function',
      [GenAiAttribute.toolCallId]: callId,
      ...(permission === undefined ? {} : { [AgentlabAttribute.toolPermission]: permission }),
    });
    if (this.options.captureContent) span.setAttribute(GenAiAttribute.toolCallArguments, capCapturedContent(argumentsText));
    return span;
  }

  /**
   * The gated call waits for a decision. Its arguments go on the event even without content capture:
   * the approval records them in the store as well, since they are what is being allowed.
   */
  approvalRequested(span: Span, request: { approvalId: string; tool: string; argumentsText: string }): void {
    if (!span.isRecording()) return;
    const requested = {
      [AgentlabAttribute.approvalId]: request.approvalId,
      [GenAiAttribute.toolName]: request.tool,
      [GenAiAttribute.toolCallArguments]: capCapturedContent(request.argumentsText),
    };
    span.setAttribute(AgentlabAttribute.approvalId, request.approvalId);
    span.addEvent(AgentlabEvent.approvalRequested, requested);
    // The tool span (and the run's root) stay open while a process waits for the decision, so a process
    // killed while waiting would export neither: this short span, ended at once and flushed by the
    // waiting CLI, is what keeps the pause in the trace.
    const pause = this.tracer.startSpan(`${awaitApprovalSpanPrefix} ${request.tool}`, { kind: SpanKind.INTERNAL }, trace.setSpan(context.active(), span));
    pause.setAttributes({ [AgentlabAttribute.approvalId]: request.approvalId, [AgentlabAttribute.approvalStatus]: 'pending', [GenAiAttribute.toolName]: request.tool });
    pause.addEvent(AgentlabEvent.approvalRequested, requested);
    pause.end();
  }

  /** The run stopped at the gate: the call did not run, and has not failed either. */
  endToolPaused(span: Span, approvalId: string | undefined): void {
    if (span.isRecording()) {
      span.setAttribute(AgentlabAttribute.approvalStatus, 'pending');
      if (approvalId !== undefined) span.setAttribute(AgentlabAttribute.approvalId, approvalId);
    }
    span.end();
  }

  endTool(span: Span, step: ToolCallStep): void {
    if (span.isRecording()) {
      if (step.approved !== undefined) span.setAttribute(AgentlabAttribute.toolApproved, step.approved);
      if (step.approval) {
        const { approval } = step;
        const decision = {
          ...(approval.approvalId === undefined ? {} : { [AgentlabAttribute.approvalId]: approval.approvalId }),
          [AgentlabAttribute.approvalStatus]: approval.status,
          [AgentlabAttribute.approvalDecidedBy]: approval.by,
          ...(approval.reason === undefined ? {} : { [AgentlabAttribute.approvalReason]: approval.reason }),
        };
        span.setAttributes(decision);
        span.addEvent(AgentlabEvent.approvalDecided, { ...decision, [AgentlabAttribute.approvalDecidedAt]: new Date(approval.at).toISOString() });
      }
      if (this.options.captureContent) span.setAttribute(GenAiAttribute.toolCallResult, capCapturedContent(step.result));
      if (!step.ok) markFailed(span, new Error(step.result), step.errorCode ?? 'tool_error');
    }
    span.end();
  }
}
