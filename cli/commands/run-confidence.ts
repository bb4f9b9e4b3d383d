// The confidence rating of `agentlab run` (`--confidence-threshold`, or the config's `confidence`):
// once the run has its answer, a second call to its model rates it (agents/confidence), under the
// run's trace, its tokens added to the run's; below the threshold the answer goes to the review
// queue as `low_confidence` with the agent run's id, and the run says so.
import { context as otelContext, trace, TraceFlags, type Tracer } from '@opentelemetry/api';
import { confidenceThresholdFor, rateAnswer, resolveConfidenceSettings, summarizeSteps } from '../../agents/index.js';
import type { AgentResult, AnswerRatingOutcome } from '../../agents/index.js';
import { infrastructureErrorCodes } from '../../eval/index.js';
import type { AgentlabConfig, ModelHandle } from '../../models/index.js';
import type { StoreBackend } from '../../store/index.js';
import { toTerminalLine } from '../terminal-text.js';

/** What the JSON output and the summary carry of the rating. */
export interface RunConfidence {
  confidence: number;
  reasoning: string;
  threshold: number;
  escalated: boolean;
  /** The review queue entry an escalated answer became. */
  reviewId?: string;
}

export interface RunRating {
  /** The run's result with the rating's call in its steps and usage, and the rating itself. */
  result: AgentResult & { confidence: RunConfidence };
  rating: AnswerRatingOutcome;
}

export interface RunRatingInput {
  store: Pick<StoreBackend, 'agentRuns' | 'reviews'>;
  runId: string;
  agent: string;
  goal: string;
  /** The run's model, opened, and its reference as given (`sim:weak`). */
  model: ModelHandle;
  config: AgentlabConfig;
  /** --confidence-threshold, as the run's settings keep it. */
  flagThreshold: number | undefined;
  seed: number | undefined;
  result: AgentResult;
  tracer: Tracer;
  captureContent: boolean;
  writeError: (text: string) => void;
  /** ` --store "…"` when the store is not the default one, for the command printed. */
  storeFlag: string;
}

/** The threshold the run's answer is judged against, or undefined when neither the flag nor the config asks for a rating. */
export function runConfidenceThreshold(config: AgentlabConfig, flagThreshold: number | undefined, agent: string): number | undefined {
  const settings = resolveConfidenceSettings(config.confidence, flagThreshold);
  return settings ? confidenceThresholdFor(settings, agent) : undefined;
}

/**
 * Rates the finished run's answer, or returns undefined when no rating was asked for or there is no
 * answer to rate (the endpoint or the harness failed). Never throws for the model: a failed rating is 0.
 */
export async function rateRunAnswer(input: RunRatingInput): Promise<RunRating | undefined> {
  const threshold = runConfidenceThreshold(input.config, input.flagThreshold, input.agent);
  const { result } = input;
  if (threshold === undefined) return undefined;
  if (result.status === 'error' && result.error && infrastructureErrorCodes.has(result.error.code)) return undefined;
  const record = await input.store.agentRuns.get(input.runId);
  const root = record?.traceId && record.rootSpanId ? { traceId: record.traceId, spanId: record.rootSpanId, traceFlags: TraceFlags.SAMPLED, isRemote: true } : undefined;
  const rating = await rateAnswer(
    { goal: input.goal, answer: result.output, steps: result.steps, agentStatus: result.status },
    {
      model: input.model,
      threshold,
      ...(input.seed === undefined ? {} : { seed: input.seed }),
      tracer: input.tracer,
      ...(root ? { parentContext: trace.setSpanContext(otelContext.active(), root) } : {}),
      captureContent: input.captureContent,
    },
  );
  let reviewId: string | undefined;
  if (rating.escalated) {
    const review = await input.store.reviews.addOnce({
      kind: 'low_confidence',
      runId: input.runId,
      agent: input.agent,
      model: input.model.reference,
      goal: input.goal,
      answer: result.output,
      confidence: rating.confidence,
      reasoning: rating.reasoning,
      steps: summarizeSteps(result.steps),
      ...(result.traceId ? { traceId: result.traceId } : {}),
      createdAt: Date.now(),
    });
    reviewId = review?.id;
    input.writeError(
      `Escalated: the answer was rated ${rating.confidence.toFixed(2)}, below the confidence threshold ${threshold}, so it waits in the review queue` +
        `${reviewId ? ` (review ${reviewId})` : ''}: ${toTerminalLine(rating.reasoning, 300)}\n` +
        `  see it with: agentlab reviews list${input.storeFlag}, or /reviews on the report (agentlab serve${input.storeFlag})\n`,
    );
  } else {
    input.writeError(`Confidence ${rating.confidence.toFixed(2)} (threshold ${threshold}): ${toTerminalLine(rating.reasoning, 300)}\n`);
  }
  const usage = {
    inputTokens: result.usage.inputTokens + rating.step.inputTokens,
    outputTokens: result.usage.outputTokens + rating.step.outputTokens,
    totalTokens: result.usage.totalTokens + rating.step.inputTokens + rating.step.outputTokens,
  };
  const confidence: RunConfidence = { confidence: rating.confidence, reasoning: rating.reasoning, threshold, escalated: rating.escalated, ...(reviewId ? { reviewId } : {}) };
  return { result: { ...result, steps: [...result.steps, rating.step], usage, confidence }, rating };
}
