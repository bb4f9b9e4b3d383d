// Runs one cell of the matrix: a fresh sandbox, the agent target on the case's goal with a derived
// seed and a timeout, then the scorers, and, when the eval rates answers, the confidence rating.
// Whatever goes wrong becomes an `error` result, never a thrown error.
import path from 'node:path';
import { context as otelContext, trace, type Tracer } from '@opentelemetry/api';
import { createSandbox, DEFAULT_SANDBOX_FIXTURES_DIRECTORY, rateAnswer, type AgentResult, type AnswerRatingOutcome, type Sandbox } from '../../agents/index.js';
import { costUsd, type CassetteDeck, type CellTape, type ModelHandle } from '../../models/index.js';
import type { CaseResultRecord, NewReview } from '../../store/index.js';
import type { AgentTarget } from '../../targets/index.js';
import { AgentlabAttribute } from '../../tracing/index.js';
import { infrastructureErrorCodes, scoreCase } from '../scorers/index.js';
import { deriveCaseSeed } from './case-seed.js';
import type { MatrixCell } from './matrix.js';
import { reviewEntryFor } from './review-entry.js';
import { cassetteMissResult } from './cassette-cell.js';
import { recordingRootSpan } from './root-span-recorder.js';

export interface CaseRunContext {
  runId: string;
  /** The cell's agent, opened. */
  target: AgentTarget;
  runSeed: number;
  model: ModelHandle;
  datasetDirectory: string;
  caseTimeoutMs: number;
  /** Stops the whole eval; a case cut short by it is not recorded, so --resume runs it again. */
  stopSignal: AbortSignal;
  tracer?: Tracer;
  captureContent?: boolean;
  now: () => number;
  /**
   * Rate the answer with a second call to the cell's model and escalate it below this (0-1);
   * without it nothing is rated. Infrastructure errors are not rated: there is no answer.
   */
  confidenceThreshold?: number;
  /** Record or replay: the cell's model calls go on its tape, written as its cassette when it ends. */
  cassettes?: CassetteDeck;
}

/** A case's result, with what it sends to the review queue. */
export interface CaseRunOutcome {
  result: CaseResultRecord;
  /** An escalated answer or a task that spent its retries, for the review queue. */
  review?: NewReview;
  /** The eval's stop cut the case (or its rating) short: the result is not to be recorded, so --resume runs it again. */
  cutShort: boolean;
}

function crashed(message: string): AgentResult {
  return { output: '', status: 'error', steps: [], usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 }, error: { code: 'agent_crashed', message } };
}

export async function runCase(cell: MatrixCell, context: CaseRunContext): Promise<CaseResultRecord> {
  return (await runCaseOutcome(cell, context)).result;
}

/** An answer worth rating: the agent did not fail for want of an endpoint or a harness. */
function isRateable(result: AgentResult): boolean {
  return !(result.status === 'error' && result.error !== undefined && infrastructureErrorCodes.has(result.error.code));
}

export async function runCaseOutcome(cell: MatrixCell, context: CaseRunContext): Promise<CaseRunOutcome> {
  const deck = context.cassettes;
  if (!deck) return runCellOutcome(cell, context, undefined);
  return deck.runCell({ case: cell.goldenCase.id, agent: cell.agent, model: cell.model, epoch: cell.epoch }, async (tape) => {
    const outcome = await runCellOutcome(cell, context, tape);
    await deck.finishCell(tape, { latencyMs: outcome.result.latencyMs, cutShort: outcome.cutShort });
    return outcome;
  });
}

async function runCellOutcome(cell: MatrixCell, context: CaseRunContext, tape: CellTape | undefined): Promise<CaseRunOutcome> {
  const { goldenCase, agent, epoch } = cell;
  const seed = deriveCaseSeed(context.runSeed, goldenCase.id, epoch);
  // One controller per case, tied to the eval's stop and the case's timeout, and untied afterwards so
  // that a long eval does not pile listeners onto the stop signal.
  const controller = new AbortController();
  let timedOut = false;
  const stop = () => controller.abort();
  tape?.watch(controller.signal);
  context.stopSignal.addEventListener('abort', stop, { once: true });
  const timeoutMs = context.target.timeoutMs ?? context.caseTimeoutMs;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const startedAt = context.now();
  // With a rating to make, the case's root span is noted so that the rating's span joins its trace.
  const recorder = context.confidenceThreshold !== undefined && context.tracer ? recordingRootSpan(context.tracer) : undefined;
  const tracer = recorder?.tracer ?? context.tracer;
  let sandbox: Sandbox | undefined;
  let result: AgentResult;
  try {
    sandbox = await createSandbox({ fixtures: goldenCase.fixtures ? path.resolve(context.datasetDirectory, goldenCase.fixtures) : DEFAULT_SANDBOX_FIXTURES_DIRECTORY, lazy: true });
    result = await context.target.run({
      case: { caseId: goldenCase.id, goal: goldenCase.goal, epoch, seed, ...(goldenCase.allow ? { allow: goldenCase.allow } : {}), ...(goldenCase.approvals ? { approvals: goldenCase.approvals } : {}) },
      model: context.model,
      signal: controller.signal,
      sandbox,
      ...(tracer ? { tracer } : {}),
      captureContent: context.captureContent === true,
      traceAttributes: { [AgentlabAttribute.runId]: context.runId, [AgentlabAttribute.caseId]: goldenCase.id, [AgentlabAttribute.epoch]: epoch },
      ...(tape ? { cassette: tape } : {}),
    });
    // A strict replay that missed a request: the cell is an error naming it, whatever the agent made of the refusal.
    if (tape && tape.misses.length > 0) result = cassetteMissResult(result, tape.misses);
    if (timedOut && result.error?.code === 'aborted') {
      result = { ...result, error: { code: 'case_timeout', message: `the case did not finish within ${timeoutMs} ms` } };
    }
  } catch (error) {
    result = crashed(error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
    context.stopSignal.removeEventListener('abort', stop);
    await sandbox?.remove().catch(() => undefined);
  }
  const finishedAt = context.now();
  // A replayed cell is scored on the latency it was recorded with (max_latency_ms): replays do not wait.
  const latencyMs = tape?.recordedLatencyMs ?? finishedAt - startedAt;
  // An agent whose calls went to several models (workers on models of their own) is priced per call.
  const agentCost = result.costUsd ?? (context.model.prices ? costUsd(result.usage, context.model.prices) : undefined);
  // Budgets (max_steps, max_tokens, max_cost_usd, max_latency_ms) judge the agent's own use, so the
  // case is scored before the rating; the rating's tokens and cost are then added to the result's.
  const score = scoreCase(goldenCase, result, { costUsd: agentCost, latencyMs });
  let rating: AnswerRatingOutcome | undefined;
  if (context.confidenceThreshold !== undefined && isRateable(result) && !context.stopSignal.aborted) {
    const root = recorder?.rootSpanContext();
    rating = await rateAnswer(
      { goal: goldenCase.goal, answer: result.output, steps: result.steps, agentStatus: result.status },
      {
        model: context.model,
        threshold: context.confidenceThreshold,
        seed,
        signal: context.stopSignal,
        ...(context.tracer ? { tracer: context.tracer } : {}),
        ...(root ? { parentContext: trace.setSpanContext(otelContext.active(), root) } : {}),
        captureContent: context.captureContent === true,
        now: context.now,
      },
    );
  }
  const inputTokens = result.usage.inputTokens + (rating?.step.inputTokens ?? 0);
  const outputTokens = result.usage.outputTokens + (rating?.step.outputTokens ?? 0);
  const ratingCost = rating && context.model.prices ? costUsd({ inputTokens: rating.step.inputTokens, outputTokens: rating.step.outputTokens }, context.model.prices) : 0;
  const cost = result.costUsd !== undefined ? result.costUsd + ratingCost : context.model.prices ? costUsd({ inputTokens, outputTokens }, context.model.prices) : undefined;
  const record: CaseResultRecord = {
    runId: context.runId,
    caseId: goldenCase.id,
    agent,
    model: context.model.reference,
    epoch,
    status: score.status,
    checks: score.checks,
    output: result.output,
    agentStatus: result.status,
    ...(result.error ? { error: result.error } : {}),
    toolsCalled: score.toolsCalled,
    modelCalls: result.steps.filter((step) => step.type === 'model_call').length,
    toolCalls: result.steps.filter((step) => step.type === 'tool_call').length,
    inputTokens,
    outputTokens,
    ...(cost === undefined ? {} : { costUsd: cost }),
    latencyMs,
    ...(result.traceId ? { traceId: result.traceId } : {}),
    seed,
    tags: goldenCase.tags,
    startedAt,
    finishedAt,
    ...(rating ? { confidence: rating.confidence, escalated: rating.escalated } : {}),
  };
  const cutShort = context.stopSignal.aborted && (result.error?.code === 'aborted' || rating?.error?.code === 'aborted');
  const review = reviewEntryFor({ record, agentResult: result, goal: goldenCase.goal, ...(rating ? { rating } : {}), now: context.now() });
  return { result: record, ...(review ? { review } : {}), cutShort };
}
