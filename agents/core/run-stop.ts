// The loop-level conditions that end a run early: max steps, budget, a repeated loop, an endpoint that
// keeps failing, cancellation. Thrown inside an agent, caught at the top and turned into a status.
import type { AgentStatus, ModelCallStep } from './agent-result.js';

export type RunStopCode =
  | 'max_steps'
  | 'budget_exceeded'
  | 'loop_detected'
  | 'model_call_failed'
  | 'model_request_rejected'
  /** The conversation does not fit the model's context window (refused by the endpoint, or could not be compressed). */
  | 'context_length_exceeded'
  | 'decision_unparsed'
  | 'aborted';

export class RunStop extends Error {
  /** The model call that failed, when a failing call is what stopped the run. */
  readonly failedStep: ModelCallStep | undefined;

  constructor(
    readonly status: Exclude<AgentStatus, 'completed'>,
    readonly code: RunStopCode,
    message: string,
    options?: { cause?: unknown; failedStep?: ModelCallStep },
  ) {
    super(message, options);
    this.name = 'RunStop';
    this.failedStep = options?.failedStep;
  }
}
