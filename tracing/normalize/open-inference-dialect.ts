// OpenInference (Arize Phoenix and the openinference-instrumentation-* packages):
// `openinference.span.kind` says what a span is; models, tokens and cost are `llm.*`, tools `tool.*`,
// and a tool's arguments and result are the span's `input.value` and `output.value`.
import type { SpanRecord } from '../span-record.js';
import { amountOf, contentOf, defined, firstOf, textOf } from './read-attributes.js';
import type { SpanDialect } from './span-dialect.js';
import type { DialectReading } from './span-view.js';

export const OpenInference = {
  spanKind: 'openinference.span.kind',
  modelName: 'llm.model_name',
  provider: 'llm.provider',
  system: 'llm.system',
  promptTokens: 'llm.token_count.prompt',
  completionTokens: 'llm.token_count.completion',
  costTotal: 'llm.cost.total',
  costPrompt: 'llm.cost.prompt',
  costCompletion: 'llm.cost.completion',
  toolName: 'tool.name',
  toolId: 'tool.id',
  toolCallId: 'tool_call.id',
  inputValue: 'input.value',
  outputValue: 'output.value',
  agentName: 'agent.name',
  finishReason: 'llm.finish_reason',
} as const;

function costOf(attributes: SpanRecord['attributes']): number | undefined {
  const total = amountOf(attributes[OpenInference.costTotal]);
  if (total !== undefined) return total;
  const prompt = amountOf(attributes[OpenInference.costPrompt]);
  const completion = amountOf(attributes[OpenInference.costCompletion]);
  return prompt === undefined && completion === undefined ? undefined : (prompt ?? 0) + (completion ?? 0);
}

function read(span: SpanRecord): DialectReading | undefined {
  const attributes = span.attributes;
  const kind = textOf(attributes[OpenInference.spanKind])?.toUpperCase();
  if (kind === undefined) return undefined;
  if (kind === 'LLM' || kind === 'EMBEDDING') {
    const finishReason = textOf(attributes[OpenInference.finishReason]);
    const costUsd = costOf(attributes);
    return {
      type: 'model',
      model: defined({
        operation: kind === 'LLM' ? 'chat' : 'embeddings',
        provider: textOf(attributes[OpenInference.provider]) ?? textOf(attributes[OpenInference.system]),
        model: textOf(attributes[OpenInference.modelName]),
        inputTokens: amountOf(attributes[OpenInference.promptTokens]),
        outputTokens: amountOf(attributes[OpenInference.completionTokens]),
        finishReasons: finishReason ? [finishReason] : undefined,
      }),
      ...(costUsd === undefined ? {} : { costUsd }),
    };
  }
  if (kind === 'TOOL') {
    const name = textOf(attributes[OpenInference.toolName]) ?? (span.name === '' ? undefined : span.name);
    if (name === undefined) return { type: 'other' };
    return {
      type: 'tool',
      tool: defined({
        name,
        callId: firstOf(attributes, [OpenInference.toolCallId, OpenInference.toolId], textOf),
        arguments: contentOf(attributes[OpenInference.inputValue]),
        result: contentOf(attributes[OpenInference.outputValue]),
      }),
    };
  }
  if (kind === 'AGENT') return { type: 'agent', agent: defined({ name: textOf(attributes[OpenInference.agentName]) ?? (span.name === '' ? undefined : span.name) }) };
  return { type: 'other' };
}

export const openInferenceDialect: SpanDialect = { name: 'openinference', read };
