// The public shape of a user's agent module: `export default defineAgent(async (goal, context) => …)`.
// defineAgent only types the function; a plain async function of the same shape works as well.
import type OpenAI from 'openai';
import type { TokenUsage, ToolRegistry, TrajectoryStep } from '../../agents/index.js';

/** The model of the case's cell, reached through agentlab's recording proxy. */
export interface AgentModelInfo {
  /** The reference as given to --models, e.g. `sim:strong` or `openai:gpt-4o-mini`. */
  reference: string;
  /** OpenAI-compatible base URL for this case (ends in /v1). */
  baseURL: string;
  /** A key valid for this case only; the real key never reaches the agent. */
  apiKey: string;
  /** The model id to send (the proxy sends the cell's model whatever is asked, except a name from `openModel`). */
  model: string;
  /** USD per million tokens, when the price table knows the model. */
  prices?: { input: number; output: number };
}

export interface AgentContext {
  caseId: string;
  /** 1-based. */
  epoch: number;
  /** Differs per case and epoch, the same when a run is repeated. */
  seed: number;
  /** Aborted when the case times out or the eval stops. */
  signal: AbortSignal;
  model: AgentModelInfo;
  /** An `openai` client bound to `model`: every call it makes is recorded. */
  openai: OpenAI;
  /** Absolute path of a directory seeded with the case's fixtures, removed after the case. */
  sandbox: string;
  /** agentlab's built-in tools (files in `sandbox`, corpus search, calculator, outbox), for those who want them. */
  tools: ToolRegistry;
  /**
   * Another model for part of the agent (a worker on a cheaper model than the cell's): the same base
   * URL and key, and the `model` to send for it. Its calls are recorded in the case like the cell's,
   * priced at its own prices. The cell's reference gives `context.model`.
   */
  openModel(reference: string): Promise<AgentModelInfo>;
  /** Runs `fn` as a tool call of the agent's own, recorded in the trajectory and the trace. */
  tool<Result>(name: string, args: unknown, fn: () => Result | Promise<Result>): Promise<Result>;
}

export type AgentReturn =
  | string
  | {
      output: string;
      /** Tool calls (`{ type: 'tool_call', tool, arguments, result }`) merged with the recorded ones. */
      steps?: Array<TrajectoryStep | Record<string, unknown>>;
      /** Used when the agent reached its model without the proxy. */
      usage?: Partial<TokenUsage>;
      /** Kept on the case's trace. */
      metadata?: Record<string, unknown>;
    };

export type AgentHandler = (goal: string, context: AgentContext) => AgentReturn | Promise<AgentReturn>;

export function defineAgent<Handler extends AgentHandler>(handler: Handler): Handler {
  if (typeof handler !== 'function') throw new TypeError('defineAgent expects a function (goal, context) => answer');
  return handler;
}
