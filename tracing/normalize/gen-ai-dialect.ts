// The OpenTelemetry GenAI semantic conventions: `gen_ai.operation.name` says what a span is. The
// older names are read too: `gen_ai.system` for the provider, `gen_ai.usage.prompt_tokens` and
// `completion_tokens` for tokens, and a span with a model and usage but no operation is a model call.
import { GenAiAttribute, GenAiOperation } from '../gen-ai-attributes.js';
import type { SpanRecord } from '../span-record.js';
import { amountOf, contentOf, defined, firstOf, textListOf, textOf, type Attributes } from './read-attributes.js';
import type { SpanDialect } from './span-dialect.js';
import type { DialectReading, ModelCallView, ToolCallView } from './span-view.js';

/** Operations that are a call to a model, as the conventions name them. */
export const modelOperations: ReadonlySet<string> = new Set(['chat', 'text_completion', 'generate_content', 'embeddings', 'completion']);
const agentOperations: ReadonlySet<string> = new Set([GenAiOperation.invokeAgent, 'create_agent']);

const legacy = {
  system: 'gen_ai.system',
  promptTokens: 'gen_ai.usage.prompt_tokens',
  completionTokens: 'gen_ai.usage.completion_tokens',
} as const;

const inputTokenNames = [GenAiAttribute.usageInputTokens, legacy.promptTokens];
const outputTokenNames = [GenAiAttribute.usageOutputTokens, legacy.completionTokens];

/** A model call's fields from GenAI attributes, current or older; other dialects reuse it. */
export function genAiModelCall(attributes: Attributes, operation: string): ModelCallView {
  const requestModel = textOf(attributes[GenAiAttribute.requestModel]);
  const responseModel = textOf(attributes[GenAiAttribute.responseModel]);
  return defined({
    operation,
    provider: textOf(attributes[GenAiAttribute.providerName]) ?? textOf(attributes[legacy.system]),
    model: requestModel ?? responseModel,
    responseModel,
    inputTokens: firstOf(attributes, inputTokenNames, amountOf),
    outputTokens: firstOf(attributes, outputTokenNames, amountOf),
    finishReasons: textListOf(attributes[GenAiAttribute.responseFinishReasons]),
  });
}

const executeToolPrefix = `${GenAiOperation.executeTool} `;

function genAiToolCall(span: SpanRecord): ToolCallView | undefined {
  const attributes = span.attributes;
  const name = textOf(attributes[GenAiAttribute.toolName]) ?? (span.name.startsWith(executeToolPrefix) ? span.name.slice(executeToolPrefix.length) : undefined);
  if (name === undefined) return undefined;
  return defined({
    name,
    callId: textOf(attributes[GenAiAttribute.toolCallId]),
    arguments: contentOf(attributes[GenAiAttribute.toolCallArguments]),
    result: contentOf(attributes[GenAiAttribute.toolCallResult]),
  });
}

/** A span with a model and token counts but no operation name: the older conventions' model call. */
function looksLikeOlderModelCall(attributes: Attributes): boolean {
  const hasModel = attributes[GenAiAttribute.requestModel] !== undefined || attributes[GenAiAttribute.responseModel] !== undefined;
  const hasUsage = inputTokenNames.some((name) => attributes[name] !== undefined) || outputTokenNames.some((name) => attributes[name] !== undefined);
  return hasModel && (hasUsage || attributes[legacy.system] !== undefined);
}

function read(span: SpanRecord): DialectReading | undefined {
  const attributes = span.attributes;
  const operation = textOf(attributes[GenAiAttribute.operationName]);
  if (operation === undefined) return looksLikeOlderModelCall(attributes) ? { type: 'model', model: genAiModelCall(attributes, 'chat'), ...cost(attributes) } : undefined;
  if (modelOperations.has(operation)) return { type: 'model', model: genAiModelCall(attributes, operation), ...cost(attributes) };
  if (operation === GenAiOperation.executeTool) {
    const tool = genAiToolCall(span);
    return tool ? { type: 'tool', tool } : { type: 'other' };
  }
  if (agentOperations.has(operation)) return { type: 'agent', agent: defined({ name: textOf(attributes[GenAiAttribute.agentName]) }) };
  return { type: 'other' };
}

function cost(attributes: Attributes): { costUsd?: number } {
  const costUsd = amountOf(attributes[GenAiAttribute.usageCost]);
  return costUsd === undefined ? {} : { costUsd };
}

export const genAiDialect: SpanDialect = { name: 'gen_ai', read };
