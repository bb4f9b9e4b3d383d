// A trace summarised from its spans alone: span count, model and tool calls, tokens, latency and
// cost. Works for agentlab's own traces and for OTLP from other GenAI or OpenInference agents.
import type { AttributeValue } from '@opentelemetry/api';
import type { TokenPrices } from '../models/index.js';
import { costUsd } from '../models/index.js';
import { GenAiAttribute, GenAiOperation, OpenInferenceAttribute } from './gen-ai-attributes.js';
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
  /** USD; undefined when no span carried a cost and no price was known. */
  costUsd: number | undefined;
  models: string[];
}

const numberOf = (value: AttributeValue | undefined): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function operationOf(span: SpanRecord): string | undefined {
  const operation = span.attributes[GenAiAttribute.operationName];
  if (typeof operation === 'string') return operation;
  // OpenInference marks LLM spans with a kind and token counts rather than an operation name.
  if (span.attributes['openinference.span.kind'] === 'LLM' || numberOf(span.attributes[OpenInferenceAttribute.promptTokens]) !== undefined) return GenAiOperation.chat;
  if (span.attributes['openinference.span.kind'] === 'TOOL') return GenAiOperation.executeTool;
  if (span.attributes['openinference.span.kind'] === 'AGENT') return GenAiOperation.invokeAgent;
  return undefined;
}

export function summarizeTrace(spans: SpanRecord[], priceFor?: (model: string) => TokenPrices | undefined): TraceSummary {
  let inputTokens = 0;
  let outputTokens = 0;
  let cost: number | undefined;
  let modelCalls = 0;
  let toolCalls = 0;
  let agentRuns = 0;
  const models = new Set<string>();
  for (const span of spans) {
    const operation = operationOf(span);
    if (operation === GenAiOperation.invokeAgent) agentRuns++;
    if (operation === GenAiOperation.executeTool) toolCalls++;
    if (operation !== GenAiOperation.chat) continue;
    modelCalls++;
    const input = numberOf(span.attributes[GenAiAttribute.usageInputTokens]) ?? numberOf(span.attributes[OpenInferenceAttribute.promptTokens]) ?? 0;
    const output = numberOf(span.attributes[GenAiAttribute.usageOutputTokens]) ?? numberOf(span.attributes[OpenInferenceAttribute.completionTokens]) ?? 0;
    inputTokens += input;
    outputTokens += output;
    const model = span.attributes[GenAiAttribute.requestModel] ?? span.attributes[GenAiAttribute.responseModel] ?? span.attributes[OpenInferenceAttribute.modelName];
    if (typeof model === 'string') models.add(model);
    const recorded = numberOf(span.attributes[GenAiAttribute.usageCost]);
    const prices = typeof model === 'string' ? priceFor?.(model) : undefined;
    const spanCost = recorded ?? (prices ? costUsd({ inputTokens: input, outputTokens: output }, prices) : undefined);
    if (spanCost !== undefined) cost = (cost ?? 0) + spanCost;
  }
  const start = Math.min(...spans.map((span) => span.startTimeMs));
  const end = Math.max(...spans.map((span) => span.endTimeMs));
  return {
    traceId: spans[0]?.traceId ?? '',
    spanCount: spans.length,
    agentRuns,
    modelCalls,
    toolCalls,
    errorSpans: spans.filter((span) => span.status.code === 'error').length,
    inputTokens,
    outputTokens,
    totalLatencyMs: spans.length > 0 ? end - start : 0,
    costUsd: cost,
    models: [...models],
  };
}
