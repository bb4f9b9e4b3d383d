// agentlab's view of a span, whatever dialect it was written in: an agent run, a model call, a tool
// call, or other. Pages, totals, costs and trajectories read this view only, never raw attributes,
// so a trace's totals always agree with its rows.

export type SpanViewType = 'agent' | 'model' | 'tool' | 'other';

export interface AgentRunView {
  name?: string;
}

export interface ModelCallView {
  /** The operation as the GenAI conventions name it: chat, text_completion, embeddings… */
  operation: string;
  provider?: string;
  /** The requested model, else the one that answered. */
  model?: string;
  responseModel?: string;
  inputTokens?: number;
  outputTokens?: number;
  finishReasons?: string[];
}

export interface ToolCallView {
  name: string;
  callId?: string;
  /** As the span wrote them: JSON text for structured values. */
  arguments?: string;
  result?: string;
}

/** Where a model call's cost came from: the span itself, agentlab's price table, or nowhere. */
export type CostSource = 'span' | 'price_table' | 'no_price';

export interface SpanView {
  type: SpanViewType;
  /** The dialect that read the span (`gen_ai`, `openinference`, `vercel_ai`, `traceloop`), or `unknown`. */
  dialect: string;
  agent?: AgentRunView;
  model?: ModelCallView;
  tool?: ToolCallView;
  /** USD, for a model call whose cost is known. */
  costUsd?: number;
  costSource?: CostSource;
  /** The span failed: its error type, else its status message, else `error`. */
  error?: string;
}

/** What one dialect reads from a span; the normaliser adds cost and the error. */
export interface DialectReading {
  type: SpanViewType;
  agent?: AgentRunView;
  model?: ModelCallView;
  tool?: ToolCallView;
  /** A cost in USD the span carries itself. */
  costUsd?: number;
}
