// What the store answers about traces as wholes: one entry per trace for the traces page, and
// spend by service for the costs page. Own (eval) and foreign (OTLP) traces alike.

export interface TraceListEntry {
  traceId: string;
  /** The root span's service and name (the earliest span's until the root arrives). */
  serviceName: string;
  rootName: string;
  startTimeMs: number;
  durationMs: number;
  spanCount: number;
  agentRuns: number;
  modelCalls: number;
  toolCalls: number;
  errorSpans: number;
  inputTokens: number;
  outputTokens: number;
  /** USD of the model calls whose cost is known; undefined when none is. */
  costUsd?: number;
  /** Model calls with no cost of their own and no price for their model. */
  unpricedModelCalls: number;
  /** The eval run and case the trace belongs to, when it belongs to one. */
  runId?: string;
  caseId?: string;
}

export interface TraceListOptions {
  limit?: number;
  offset?: number;
  serviceName?: string;
  /** Traces that started at or after / before these times (ms since the epoch). */
  since?: number;
  until?: number;
  errorsOnly?: boolean;
  /** Text the root span's name contains, case-insensitively. */
  rootNameContains?: string;
}

export interface ServiceCost {
  serviceName: string;
  traces: number;
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  unpricedModelCalls: number;
}
