// What a case result sends to the human review queue: an answer rated below its threshold
// (`low_confidence`), or a task whose agent spent its retry budget on a failing endpoint
// (`retries_exhausted`, with a structured report of what failed, how often and the last errors).
import { summarizeSteps, type AgentResult, type AnswerRatingOutcome, type ModelCallStep } from '../../agents/index.js';
import type { CaseResultRecord, ErrorReport, NewReview } from '../../store/index.js';

/** The last errors an error report keeps. */
const lastErrorsKept = 3;

/** An agent error that means every try of a model call failed. */
const retriesExhaustedCode = 'model_call_failed';

/** What failed, how often and the last errors, from the failed call's retries (or the message alone when the agent kept none). */
export function errorReportOf(result: AgentResult): ErrorReport | undefined {
  if (result.error?.code !== retriesExhaustedCode) return undefined;
  const failed = [...result.steps].reverse().find((step): step is ModelCallStep => step.type === 'model_call' && step.error !== undefined);
  const retries = failed?.retries ?? [];
  const lastErrors = retries.slice(-lastErrorsKept).map((retry) => `attempt ${retry.attempt}: ${retry.status === undefined ? '' : `HTTP ${retry.status}: `}${retry.error}`);
  return {
    code: result.error.code,
    message: result.error.message,
    attempts: Math.max(failed?.attempts ?? 0, retries.length, 1),
    lastErrors: lastErrors.length > 0 ? lastErrors : [result.error.message],
  };
}

export interface ReviewEntryInput {
  record: CaseResultRecord;
  agentResult: AgentResult;
  goal: string;
  rating?: AnswerRatingOutcome;
  now: number;
}

/** The queue entry a result makes, if any: a retries_exhausted error first, else an escalated answer. */
export function reviewEntryFor({ record, agentResult, goal, rating, now }: ReviewEntryInput): NewReview | undefined {
  const common = {
    runId: record.runId,
    caseId: record.caseId,
    epoch: record.epoch,
    agent: record.agent,
    model: record.model,
    goal,
    answer: record.output,
    steps: summarizeSteps(agentResult.steps),
    ...(record.traceId ? { traceId: record.traceId } : {}),
    createdAt: now,
  };
  const errorReport = record.status === 'error' ? errorReportOf(agentResult) : undefined;
  if (errorReport) return { ...common, kind: 'retries_exhausted', errorReport };
  if (rating?.escalated) return { ...common, kind: 'low_confidence', confidence: rating.confidence, reasoning: rating.reasoning };
  return undefined;
}
