// Runs one case of a user's agent (module, command, HTTP) behind the recording model proxy: an
// `invoke_agent` span for the case, a proxy session whose base URL and key the agent gets, and the
// trajectory assembled from the proxy's records, the agent's spans and what it returned. Whatever
// goes wrong in the agent becomes the result's status and error, never a thrown error.
import { randomBytes } from 'node:crypto';
import { context as otelContext, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { AgentResult, AgentStatus, TokenUsage, TrajectoryStep } from '../agents/index.js';
import { costUsd } from '../models/index.js';
import { AgentlabAttribute, GenAiAttribute, GenAiOperation, GeneralAttribute, genAiSpanName } from '../tracing/index.js';
import type { TargetRunContext } from './agent-target.js';
import { TARGET_TRACER_NAME } from './constants.js';
import { TargetRunError } from './errors.js';
import { returnedToolSteps, type ExternalAnswer } from './external-answer.js';
import type { ModelProxy, ProxySession } from './proxy/model-proxy-types.js';

/** What an agent of any kind is given to reach the model and join the trace. */
export interface ProxiedCase {
  session: ProxySession;
  /** W3C trace context of the case's root span: `00-<trace id>-<span id>-01`. */
  traceparent: string;
  /** The proxy's origin, for OTEL_EXPORTER_OTLP_ENDPOINT. */
  otlpEndpoint: string;
}

function traceparentOf(span: Span): { traceparent: string; traceId: string } {
  const spanContext = span.spanContext();
  if (span.isRecording()) return { traceparent: `00-${spanContext.traceId}-${spanContext.spanId}-01`, traceId: spanContext.traceId };
  // Without tracing there is no span, but the agent's spans must still find their case.
  const traceId = randomBytes(16).toString('hex');
  return { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, traceId };
}

function sumUsage(steps: readonly TrajectoryStep[]): TokenUsage {
  let inputTokens = 0;
  let outputTokens = 0;
  for (const step of steps) {
    if (step.type !== 'model_call') continue;
    inputTokens += step.inputTokens;
    outputTokens += step.outputTokens;
  }
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

function reportedUsage(usage: ExternalAnswer['usage']): TokenUsage | undefined {
  if (!usage) return undefined;
  const inputTokens = Number(usage.inputTokens ?? 0) || 0;
  const outputTokens = Number(usage.outputTokens ?? 0) || 0;
  return { inputTokens, outputTokens, totalTokens: Number(usage.totalTokens ?? inputTokens + outputTokens) || inputTokens + outputTokens };
}

export async function runThroughProxy(
  name: string,
  context: TargetRunContext,
  proxy: ModelProxy,
  work: (proxied: ProxiedCase) => Promise<ExternalAnswer>,
): Promise<AgentResult> {
  const { model } = context;
  const tracer = context.tracer ?? trace.getTracer(TARGET_TRACER_NAME);
  const span = tracer.startSpan(genAiSpanName(GenAiOperation.invokeAgent, name), {
    kind: SpanKind.INTERNAL,
    attributes: {
      [GenAiAttribute.operationName]: GenAiOperation.invokeAgent,
      [GenAiAttribute.agentName]: name,
      [GenAiAttribute.providerName]: model.provider,
      [GenAiAttribute.requestModel]: model.model,
      ...context.traceAttributes,
    },
  });
  const spanRecording = span.isRecording();
  const parentContext = trace.setSpan(otelContext.active(), span);
  const { traceparent, traceId } = traceparentOf(span);
  const session = proxy.openSession({
    model,
    agent: name,
    seed: context.case.seed,
    ...(context.tracer ? { tracer: context.tracer } : {}),
    parentContext,
    traceId,
    captureContent: context.captureContent,
    ...(context.cassette ? { cassette: context.cassette } : {}),
  });

  let answer: ExternalAnswer | undefined;
  let failure: unknown;
  try {
    answer = await otelContext.with(parentContext, () => work({ session, traceparent, otlpEndpoint: proxy.otlpEndpoint }));
  } catch (error) {
    failure = error;
  }
  const returnedSteps = answer?.steps ?? [];
  session.addToolSteps(returnedToolSteps(returnedSteps, name, Date.now()));
  const recording = await session.close();
  let steps = recording.steps;
  let usage = recording.usage;
  // An agent that reached its model some other way may still report what it used.
  if (!steps.some((step) => step.type === 'model_call')) {
    const returnedModelCalls = returnedSteps.filter((step) => step && typeof step === 'object' && step.type === 'model_call');
    if (returnedModelCalls.length > 0) steps = [...returnedModelCalls, ...steps].sort((first, second) => first.startedAt - second.startedAt);
    usage = reportedUsage(answer?.usage) ?? sumUsage(steps);
  }

  let status: AgentStatus = 'completed';
  let error: AgentResult['error'];
  if (failure !== undefined) {
    status = 'error';
    const aborted = context.signal.aborted;
    const code = aborted ? 'aborted' : failure instanceof TargetRunError ? failure.code : 'agent_crashed';
    let message = failure instanceof Error ? failure.message : String(failure);
    // A user's agent usually fails because its model call failed: say so, with the URL tried, unless
    // the agent's own message already quotes the proxy's answer that says it.
    const endpointError = aborted ? undefined : recording.endpointErrors[0];
    if (endpointError !== undefined && !message.includes(endpointError)) message += `; the model endpoint failed: ${endpointError}`;
    error = { code: !aborted && recording.endpointErrors.length > 0 ? 'model_call_failed' : code, message };
  }

  if (spanRecording) {
    if (answer?.metadata) span.setAttribute('agentlab.agent.metadata', JSON.stringify(answer.metadata));
    span.setAttributes({
      [GenAiAttribute.usageInputTokens]: usage.inputTokens,
      [GenAiAttribute.usageOutputTokens]: usage.outputTokens,
      [AgentlabAttribute.agentStatus]: status,
    });
    const cost = recording.costUsd ?? (model.prices ? costUsd(usage, model.prices) : undefined);
    if (cost !== undefined) span.setAttribute(GenAiAttribute.usageCost, cost);
    if (error) {
      span.setAttribute(GeneralAttribute.errorType, error.code);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    }
  }
  span.end();
  return {
    output: answer?.output ?? '',
    status,
    steps,
    usage,
    ...(recording.costUsd === undefined ? {} : { costUsd: recording.costUsd }),
    ...(error ? { error } : {}),
    ...(spanRecording ? { traceId } : {}),
  };
}
