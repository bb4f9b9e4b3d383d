// Progress as one discriminated union of events, noun-first names; the terminal and the report page
// consume the same stream.
import type { AgentStatus, ModelCallStep, TokenUsage, ToolCallStep } from './agent-result.js';

export type ProgressEvent =
  | { type: 'run-start'; agent: string; goal: string; model: string; at: number }
  | { type: 'agent-start'; agent: string; task: string; at: number }
  | { type: 'agent-end'; agent: string; status: AgentStatus; at: number }
  | { type: 'step-start'; agent: string; step: number; at: number }
  | { type: 'model-call'; step: ModelCallStep; at: number }
  | { type: 'model-retry'; agent: string; attempt: number; error: string; waitMs: number; at: number }
  | { type: 'tool-call'; agent: string; callId: string; tool: string; arguments: string; at: number }
  | { type: 'tool-result'; step: ToolCallStep; at: number }
  | { type: 'guard'; agent: string; guard: 'repeated-call' | 'goal-restated' | 'decision-unparsed' | 'replan' | 'revision'; detail: string; at: number }
  // Working memory folded the middle of an agent's conversation into a summary (agents/memory/working-memory.ts).
  | { type: 'memory-compressed'; agent: string; messagesFolded: number; tokensBefore: number; tokensAfter: number; summaryTokens: number; contextWindow: number; at: number }
  | { type: 'run-end'; status: AgentStatus; output: string; usage: TokenUsage; at: number };

export type ProgressEventType = ProgressEvent['type'];
export type ProgressSink = (event: ProgressEvent) => void;
