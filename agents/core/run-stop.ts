// The loop-level conditions that end a run early: max steps, budget, a repeated loop, an endpoint that
// keeps failing, cancellation, a call waiting for approval. Thrown inside an agent, caught at the top
// and turned into a status.
import type { AgentStatus, ModelCallStep } from './agent-result.js';
import type { PendingApproval } from './approval-gate.js';

export type RunStopCode =
  | 'max_steps'
  | 'budget_exceeded'
  | 'loop_detected'
  | 'model_call_failed'
  | 'model_request_rejected'
  /** The conversation does not fit the model's context window (refused by the endpoint, or could not be compressed). */
  | 'context_length_exceeded'
  | 'decision_unparsed'
  | 'aborted'
  /** A tool call waits at its approval gate: the run pauses and can be resumed once it is decided. */
  | 'awaiting_approval'
  /** A resumed run made a call other than the one its journal recorded (agents/core/run-journal.ts). */
  | 'resume_diverged';

export class RunStop extends Error {
  /** The model call that failed, when a failing call is what stopped the run. */
  readonly failedStep: ModelCallStep | undefined;
  /** With `awaiting_approval`: the call the run stopped at. */
  readonly pendingApproval: PendingApproval | undefined;

  constructor(
    readonly status: Exclude<AgentStatus, 'completed'>,
    readonly code: RunStopCode,
    message: string,
    options?: { cause?: unknown; failedStep?: ModelCallStep; pendingApproval?: PendingApproval },
  ) {
    super(message, options);
    this.name = 'RunStop';
    this.failedStep = options?.failedStep;
    this.pendingApproval = options?.pendingApproval;
  }
}
