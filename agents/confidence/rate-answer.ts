// The rating call: after an answer, a second call to the same model, with structured output, asks how
// likely the answer is to achieve its goal. It is traced as a `chat` span of its own (agent
// `confidence`) under the case's trace, retried like any model call, and never throws: a call that
// fails, or a rating that cannot be read, counts as confidence 0 with the reason.
import { setTimeout as sleepFor } from 'node:timers/promises';
import { context as otelContext, SpanKind, SpanStatusCode, trace, type Context, type Tracer } from '@opentelemetry/api';
import { AgentlabAttribute, GenAiAttribute, GenAiOperation, GeneralAttribute, genAiSpanName, inputMessagesAttribute, outputMessagesAttribute } from '../../tracing/index.js';
import { defaultModelTimeoutMs, defaultModelTries } from '../constants.js';
import type { AgentError, ModelCallStep, TrajectoryStep } from '../core/agent-result.js';
import type { AgentLimits, AgentModel } from '../core/agent-options.js';
import { callModel } from '../core/call-model.js';
import { RunStop } from '../core/run-stop.js';
import { chatResultAttributes } from '../core/run-tracing.js';
import { RATING_AGENT_NAME, RATING_MAX_COMPLETION_TOKENS, RATING_TEMPERATURE } from './constants.js';
import { parseRating } from './parse-rating.js';
import { ratingMessages } from './rating-prompt.js';
import { ratingResponseFormat } from './rating-schema.js';
import { summarizeToolResults } from './tool-results-summary.js';

/** What is rated: the goal, the answer, and the trajectory whose tool results the rater is shown. */
export interface RatingRequest {
  goal: string;
  answer: string;
  steps?: readonly TrajectoryStep[];
  /** The agent's own status: a run that did not complete says so to the rater. */
  agentStatus?: string;
}

export interface RateAnswerOptions {
  /** The model that answered (an eval's cell model), through its own client. */
  model: AgentModel;
  /** Below this the answer is escalated. */
  threshold: number;
  /** The case's seed, so that a rating reproduces. */
  seed?: number;
  signal?: AbortSignal;
  tracer?: Tracer;
  /** Where the rating's span starts: the case's root span, so that it joins the case's trace. */
  parentContext?: Context;
  /** Record the rating's messages on its span. */
  captureContent?: boolean;
  limits?: Partial<Pick<AgentLimits, 'modelTimeoutMs' | 'modelTries'>>;
  now?: () => number;
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
}

export interface AnswerRatingOutcome {
  /** 0-1; 0 when the call failed or the rating could not be read. */
  confidence: number;
  /** The rater's reasoning, or why the rating counts as 0. */
  reasoning: string;
  /** False when the rating could not be read or the call failed. */
  readable: boolean;
  threshold: number;
  /** confidence < threshold. */
  escalated: boolean;
  /** The call as a trajectory step: its tokens, latency and retries (the failed attempt's when it failed). */
  step: ModelCallStep;
  /** The model error, when the call failed (`aborted` when the signal stopped it). */
  error?: AgentError;
}

async function defaultSleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  if (milliseconds <= 0) return;
  await sleepFor(milliseconds, undefined, signal ? { signal } : {}).catch(() => undefined);
}

function failedStep(model: AgentModel, startedAt: number, now: number, message: string): ModelCallStep {
  return { type: 'model_call', agent: RATING_AGENT_NAME, model: model.model, provider: model.provider, inputTokens: 0, outputTokens: 0, latencyMs: now - startedAt, finishReason: null, attempts: 1, temperature: RATING_TEMPERATURE, startedAt, error: message };
}

export async function rateAnswer(request: RatingRequest, options: RateAnswerOptions): Promise<AnswerRatingOutcome> {
  const { model, threshold } = options;
  const now = options.now ?? Date.now;
  const messages = ratingMessages({ goal: request.goal, answer: request.answer, toolResults: summarizeToolResults(request.steps ?? []), ...(request.agentStatus ? { agentStatus: request.agentStatus } : {}) });
  const tracer = options.tracer ?? trace.getTracer('agentlab');
  const span = tracer.startSpan(
    genAiSpanName(GenAiOperation.chat, model.model),
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [GenAiAttribute.operationName]: GenAiOperation.chat,
        [GenAiAttribute.agentName]: RATING_AGENT_NAME,
        [GenAiAttribute.providerName]: model.provider,
        [GenAiAttribute.requestModel]: model.model,
        [GenAiAttribute.requestTemperature]: RATING_TEMPERATURE,
        [GenAiAttribute.requestMaxTokens]: RATING_MAX_COMPLETION_TOKENS,
        [GenAiAttribute.outputType]: 'json',
        [AgentlabAttribute.confidenceThreshold]: threshold,
        ...(options.seed === undefined ? {} : { [GenAiAttribute.requestSeed]: options.seed }),
        ...(model.serverAddress ? { [GeneralAttribute.serverAddress]: model.serverAddress } : {}),
        ...(model.serverPort ? { [GeneralAttribute.serverPort]: model.serverPort } : {}),
      },
    },
    options.parentContext ?? otelContext.active(),
  );
  if (options.captureContent && span.isRecording()) span.setAttribute(GenAiAttribute.inputMessages, inputMessagesAttribute(messages));
  const startedAt = now();
  let outcome: AnswerRatingOutcome;
  try {
    const { completion, step } = await callModel(
      RATING_AGENT_NAME,
      { messages, response_format: ratingResponseFormat(), temperature: RATING_TEMPERATURE, max_completion_tokens: RATING_MAX_COMPLETION_TOKENS },
      {
        model,
        limits: { maxSteps: 1, maxTokens: Number.POSITIVE_INFINITY, modelTimeoutMs: options.limits?.modelTimeoutMs ?? defaultModelTimeoutMs, modelTries: options.limits?.modelTries ?? defaultModelTries },
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.signal ? { signal: options.signal } : {}),
        now,
        sleep: options.sleep ?? defaultSleep,
        onRetry: () => undefined,
      },
    );
    const choice = completion.choices[0];
    const rating = parseRating(choice?.message.content, choice?.finish_reason);
    outcome = { ...rating, threshold, escalated: rating.confidence < threshold, step };
    if (span.isRecording()) {
      for (const retry of step.retries ?? []) span.addEvent('gen_ai.client.retry', { attempt: retry.attempt, [GeneralAttribute.errorType]: retry.status === undefined ? retry.error : String(retry.status), 'retry.wait_ms': retry.waitedMs });
      span.setAttributes(chatResultAttributes(step, model.prices));
      if (options.captureContent) span.setAttribute(GenAiAttribute.outputMessages, outputMessagesAttribute(step));
    }
  } catch (error) {
    const code = error instanceof RunStop ? error.code : 'rating_failed';
    const message = error instanceof Error ? error.message : String(error);
    const step = error instanceof RunStop && error.failedStep ? { ...error.failedStep } : failedStep(model, startedAt, now(), message);
    outcome = {
      confidence: 0,
      reasoning: `The rating call failed, so it counts as 0: ${message}.`,
      readable: false,
      threshold,
      escalated: 0 < threshold,
      step,
      error: { code, message },
    };
    if (span.isRecording()) {
      span.setAttribute(GeneralAttribute.errorType, code);
      span.setStatus({ code: SpanStatusCode.ERROR, message });
    }
  }
  if (span.isRecording()) span.setAttributes({ [AgentlabAttribute.confidence]: outcome.confidence, [AgentlabAttribute.confidenceEscalated]: outcome.escalated });
  span.end();
  return outcome;
}
