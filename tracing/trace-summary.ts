// A trace summarised from its spans' normalised views: span count, agent runs, model and tool calls,
// tokens, latency and cost. The same views give the trace page its rows, so totals and rows agree,
// whatever stack wrote the spans.
import { normalizeSpan, type PriceLookup, type SpanView } from './normalize/index.js';
import type { SpanRecord } from './span-record.js';

export interface TraceSummary {
  traceId: string;
  spanCount: number;
  agentRuns: number;
  modelCalls: number;
  toolCalls: number;
  errorSpans: number;
  inputTokens: number;
  outputTokens: number;
  /** From first start to last end, in milliseconds. */
  totalLatencyMs: number;
  /** USD of the model calls whose cost is known; undefined when none is. */
  costUsd: number | undefined;
  /** Model calls with neither a cost of their own nor a price for their model. */
  unpricedModelCalls: number;
  models: string[];
}

export interface NormalizedSpan {
  span: SpanRecord;
  view: SpanView;
}

export function normalizeSpans(spans: readonly SpanRecord[], priceFor?: PriceLookup): NormalizedSpan[] {
  const options = priceFor ? { priceFor } : {};
  return spans.map((span) => ({ span, view: normalizeSpan(span, options) }));
}

export function summarizeTrace(spans: readonly SpanRecord[], priceFor?: PriceLookup): TraceSummary {
  return summarizeNormalizedTrace(normalizeSpans(spans, priceFor));
}

export function summarizeNormalizedTrace(entries: readonly NormalizedSpan[]): TraceSummary {
  const summary: TraceSummary = {
    traceId: entries[0]?.span.traceId ?? '',
    spanCount: entries.length,
    agentRuns: 0,
    modelCalls: 0,
    toolCalls: 0,
    errorSpans: 0,
    inputTokens: 0,
    outputTokens: 0,
    totalLatencyMs: 0,
    costUsd: undefined,
    unpricedModelCalls: 0,
    models: [],
  };
  const models = new Set<string>();
  let start = Infinity;
  let end = -Infinity;
  for (const { span, view } of entries) {
    if (Number.isFinite(span.startTimeMs)) start = Math.min(start, span.startTimeMs);
    if (Number.isFinite(span.endTimeMs)) end = Math.max(end, span.endTimeMs, span.startTimeMs);
    if (view.error !== undefined) summary.errorSpans++;
    if (view.type === 'agent') summary.agentRuns++;
    if (view.type === 'tool') summary.toolCalls++;
    if (view.type !== 'model' || !view.model) continue;
    summary.modelCalls++;
    summary.inputTokens += view.model.inputTokens ?? 0;
    summary.outputTokens += view.model.outputTokens ?? 0;
    if (view.model.model !== undefined) models.add(view.model.model);
    if (view.costUsd !== undefined) summary.costUsd = (summary.costUsd ?? 0) + view.costUsd;
    else summary.unpricedModelCalls++;
  }
  summary.totalLatencyMs = end > start ? end - start : 0;
  summary.models = [...models];
  return summary;
}
