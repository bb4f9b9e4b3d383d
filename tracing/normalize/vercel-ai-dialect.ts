// The Vercel AI SDK's telemetry (`experimental_telemetry`): `ai.operationId` says what a span is.
// `ai.generateText` and its kin are the agent loop, their `.doGenerate`/`.doStream`/`.doEmbed` the
// model calls (GenAI names for model and usage, `ai.*` names besides), `ai.toolCall` a tool call.
import type { SpanRecord } from '../span-record.js';
import { genAiModelCall } from './gen-ai-dialect.js';
import { amountOf, contentOf, defined, firstOf, resultTextOf, textOf } from './read-attributes.js';
import type { SpanDialect } from './span-dialect.js';
import type { DialectReading } from './span-view.js';

export const VercelAi = {
  operationId: 'ai.operationId',
  functionId: 'ai.telemetry.functionId',
  modelId: 'ai.model.id',
  modelProvider: 'ai.model.provider',
  responseModel: 'ai.response.model',
  finishReason: 'ai.response.finishReason',
  toolCall: 'ai.toolCall',
  toolCallName: 'ai.toolCall.name',
  toolCallId: 'ai.toolCall.id',
  toolCallArgs: 'ai.toolCall.args',
  toolCallInput: 'ai.toolCall.input',
  toolCallResult: 'ai.toolCall.result',
  toolCallOutput: 'ai.toolCall.output',
} as const;

const inputTokenNames = ['ai.usage.inputTokens', 'ai.usage.promptTokens', 'ai.usage.tokens'];
const outputTokenNames = ['ai.usage.outputTokens', 'ai.usage.completionTokens'];

/** The calls that run a loop of model calls and tools; the embedding wrappers are not agent runs. */
const agentOperations: ReadonlySet<string> = new Set(['ai.generateText', 'ai.streamText', 'ai.generateObject', 'ai.streamObject']);
const modelCallSuffixes: ReadonlyArray<readonly [suffix: string, operation: string]> = [
  ['.doGenerate', 'chat'],
  ['.doStream', 'chat'],
  ['.doEmbed', 'embeddings'],
  ['.doRerank', 'rerank'],
];

function read(span: SpanRecord): DialectReading | undefined {
  const attributes = span.attributes;
  const operationId = textOf(attributes[VercelAi.operationId]);
  if (operationId === undefined || !operationId.startsWith('ai.')) return undefined;
  if (operationId === VercelAi.toolCall) {
    const name = textOf(attributes[VercelAi.toolCallName]);
    if (name === undefined) return { type: 'other' };
    return {
      type: 'tool',
      tool: defined({
        name,
        callId: textOf(attributes[VercelAi.toolCallId]),
        arguments: contentOf(attributes[VercelAi.toolCallArgs] ?? attributes[VercelAi.toolCallInput]),
        result: resultTextOf(attributes[VercelAi.toolCallResult] ?? attributes[VercelAi.toolCallOutput]),
      }),
    };
  }
  const modelCall = modelCallSuffixes.find(([suffix]) => operationId.endsWith(suffix));
  if (modelCall) {
    const fromGenAi = genAiModelCall(attributes, modelCall[1]);
    const finishReason = textOf(attributes[VercelAi.finishReason]);
    return {
      type: 'model',
      model: defined({
        ...fromGenAi,
        provider: fromGenAi.provider ?? textOf(attributes[VercelAi.modelProvider]),
        model: fromGenAi.model ?? textOf(attributes[VercelAi.modelId]),
        responseModel: fromGenAi.responseModel ?? textOf(attributes[VercelAi.responseModel]),
        inputTokens: fromGenAi.inputTokens ?? firstOf(attributes, inputTokenNames, amountOf),
        outputTokens: fromGenAi.outputTokens ?? firstOf(attributes, outputTokenNames, amountOf),
        finishReasons: fromGenAi.finishReasons ?? (finishReason ? [finishReason] : undefined),
      }),
    };
  }
  if (agentOperations.has(operationId)) return { type: 'agent', agent: defined({ name: textOf(attributes[VercelAi.functionId]) ?? operationId }) };
  return { type: 'other' };
}

export const vercelAiDialect: SpanDialect = { name: 'vercel_ai', read };
