// The shapes that cross the registry boundary: a call from the model and what came of it.
import type { ApprovalGate, ApprovalVerdict, Permission, ToolApprovalSetting } from './permission.js';

/** One tool call as the model sent it. */
export interface ToolCall {
  id: string;
  name: string;
  /** The raw JSON text from the model, unparsed. */
  arguments: string;
}

export type ToolExecutionErrorCode =
  | 'unknown_tool'
  | 'invalid_json'
  | 'invalid_arguments'
  | 'permission_denied'
  /** A person or a policy rejected the call at its approval gate. */
  | 'approval_rejected'
  /** The gate paused the run: the call has not run and waits for a decision. */
  | 'awaiting_approval'
  | 'timeout'
  | 'tool_error'
  | 'aborted';

export interface ToolExecution {
  ok: boolean;
  /** Exactly what goes back to the model as the tool message. Failures start with `Error: `. */
  content: string;
  errorCode?: ToolExecutionErrorCode;
  /** Set when the call needed an approval: true if it was given, false if refused. */
  approved?: boolean;
  /** The decision on a call that went through the gate: who, when, why. */
  verdict?: ApprovalVerdict;
  /** With `awaiting_approval`: the approval the run waits for, when the gate recorded one. */
  pendingApprovalId?: string;
  durationMs: number;
}

export interface ToolExecutionOptions {
  /** Permission levels that run without asking. */
  allowed?: readonly Permission[];
  /** Per tool, over the levels: `required` always asks, `never` never does. */
  toolApprovals?: Readonly<Record<string, ToolApprovalSetting>>;
  /** Answers calls that need approval; without it such calls are denied. */
  gate?: ApprovalGate;
  /** Cancels the call; the result is then an `aborted` failure. */
  signal?: AbortSignal;
  timeoutMs?: number;
}
