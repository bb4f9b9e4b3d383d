// The shapes that cross the registry boundary: a call from the model and what came of it.
import type { ApprovalCallback, Permission } from './permission.js';

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
  durationMs: number;
}

export interface ToolExecutionOptions {
  /** Permission levels that run without asking. */
  allowed?: readonly Permission[];
  /** Asked about calls whose level is not allowed; without it such calls are denied. */
  approve?: ApprovalCallback;
  /** Cancels the call; the result is then an `aborted` failure. */
  signal?: AbortSignal;
  timeoutMs?: number;
}
