// Translates OpenInference span attributes (Phoenix, Arize and the openinference-instrumentation-*
// packages) to the GenAI conventions agentlab's pages read: token counts, model, operation and tool
// name. A GenAI attribute the span already has always wins, and the originals are kept.
import type { AttributeValue } from '@opentelemetry/api';
import { GenAiAttribute, GenAiOperation, OpenInferenceAttribute } from '../../tracing/index.js';
import { openInferenceOperations, openInferenceSpanKindAttribute, openInferenceToolNameAttribute } from './constants.js';

const copies: ReadonlyArray<readonly [from: string, to: string]> = [
  [OpenInferenceAttribute.promptTokens, GenAiAttribute.usageInputTokens],
  [OpenInferenceAttribute.completionTokens, GenAiAttribute.usageOutputTokens],
  [OpenInferenceAttribute.modelName, GenAiAttribute.requestModel],
];

export function withGenAiAttributes(attributes: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const result = { ...attributes };
  for (const [from, to] of copies) {
    const value = attributes[from];
    if (value !== undefined && result[to] === undefined) result[to] = value;
  }
  const spanKind = attributes[openInferenceSpanKindAttribute];
  const operation = typeof spanKind === 'string' ? openInferenceOperations[spanKind.toUpperCase()] : undefined;
  if (operation !== undefined && result[GenAiAttribute.operationName] === undefined) result[GenAiAttribute.operationName] = operation;
  // `tool.name` is generic enough to appear elsewhere; only an OpenInference TOOL span's names a tool call.
  const toolName = attributes[openInferenceToolNameAttribute];
  if (operation === GenAiOperation.executeTool && toolName !== undefined && result[GenAiAttribute.toolName] === undefined) result[GenAiAttribute.toolName] = toolName;
  return result;
}
