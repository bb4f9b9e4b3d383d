// What an agent run returns: the answer, how it ended, and the ordered trajectory of model and tool
// calls that scorers, reports and the tracer read.
import type { ApprovalVerdict } from '../tools/index.js';
import type { PendingApproval } from './approval-gate.js';

export type AgentStatus = 'completed' | 'max_steps' | 'budget_exceeded' | 'awaiting_approval' | 'error';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface ModelCallStep {
  type: 'model_call';
  /** The agent or worker that made the call: react, planner, supervisor, researcher, writer… */
  agent: string;
  model: string;
  provider: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  finishReason: string | null;
  /** 1 for the first try; more when transport errors were retried. */
  attempts: number;
  responseId?: string;
  responseModel?: string;
  temperature: number;
  /** The text the model returned, if any. */
  content?: string | null;
  /** The tool calls it asked for, as sent. */
  toolCalls?: Array<{ id: string; name: string; arguments: string }>;
  /** Transport errors met on the way, retried or final. */
  retries?: Array<{ attempt: number; error: string; status?: number; waitedMs: number }>;
  error?: string;
  startedAt: number;
}

export interface ToolCallStep {
  type: 'tool_call';
  agent: string;
  callId: string;
  tool: string;
  /** Raw JSON text as the model sent it. */
  arguments: string;
  ok: boolean;
  /** What went back to the model. */
  result: string;
  errorCode?: string;
  /** Set when the call went through an approval gate: true if approved, false if rejected or refused. */
  approved?: boolean;
  /** The decision at the gate: who made it, when, why, and the store's approval id when there is one. */
  approval?: ApprovalVerdict;
  latencyMs: number;
  startedAt: number;
}

export type TrajectoryStep = ModelCallStep | ToolCallStep;

export interface AgentError {
  code: string;
  message: string;
}

export interface AgentResult {
  output: string;
  status: AgentStatus;
  steps: TrajectoryStep[];
  usage: TokenUsage;
  /**
   * What the calls cost, each at its own model's prices, when they went to more than one model (a
   * proxied agent that put a worker on another model); otherwise usage is priced at the run's model.
   */
  costUsd?: number;
  error?: AgentError;
  /** The run's trace, when tracing is on. */
  traceId?: string;
  /** Decisions that did not parse and were asked again (supervisor), re-plans (plan-execute), revisions (pipeline). */
  counters?: Record<string, number>;
  /** With status `awaiting_approval`: the call the run stopped at. */
  pendingApproval?: PendingApproval;
}
