// Tool calls an agent reported as spans, as trajectory steps: what an agent in any language adds to
// the proxy's record when it sends its traces to the OTLP receiver. Tool spans are recognised in
// the dialects agents use: the GenAI conventions (OpenInference TOOL spans arrive already named so
// by the receiver), the Vercel AI SDK's `ai.toolCall` and Traceloop's `tool` spans.
import type { AttributeValue } from '@opentelemetry/api';
import type { ToolCallStep } from '../../agents/index.js';
import { GenAiAttribute, GenAiOperation, GeneralAttribute, type SpanRecord } from '../../tracing/index.js';
import { toolErrorCode } from './constants.js';

export interface SpanToolStepsOptions {
  /** The steps' `agent` when a span does not name one (`gen_ai.agent.name`). */
  agent?: string;
}

interface ToolSpanFields {
  tool: string | undefined;
  callId: string | undefined;
  arguments: AttributeValue | undefined;
  result: AttributeValue | undefined;
}

type Attributes = SpanRecord['attributes'];

/** The tool call a span describes in one dialect, or undefined when it is not a tool span of that dialect. */
type ToolSpanDialect = (span: SpanRecord, attributes: Attributes) => ToolSpanFields | undefined;

const executeToolPrefix = `${GenAiOperation.executeTool} `;

const genAi: ToolSpanDialect = (span, attributes) => {
  if (attributes[GenAiAttribute.operationName] !== GenAiOperation.executeTool) return undefined;
  return {
    tool: text(attributes[GenAiAttribute.toolName]) ?? (span.name.startsWith(executeToolPrefix) ? span.name.slice(executeToolPrefix.length) : undefined),
    callId: text(attributes[GenAiAttribute.toolCallId]) ?? text(attributes['tool_call.id']),
    arguments: attributes[GenAiAttribute.toolCallArguments] ?? attributes['input.value'],
    result: attributes[GenAiAttribute.toolCallResult] ?? attributes['output.value'],
  };
};

const vercelAi: ToolSpanDialect = (span, attributes) => {
  if (attributes['ai.operationId'] !== 'ai.toolCall' && span.name !== 'ai.toolCall') return undefined;
  return {
    tool: text(attributes['ai.toolCall.name']),
    callId: text(attributes['ai.toolCall.id']),
    arguments: attributes['ai.toolCall.args'] ?? attributes['ai.toolCall.input'],
    result: attributes['ai.toolCall.result'] ?? attributes['ai.toolCall.output'],
  };
};

const traceloop: ToolSpanDialect = (_span, attributes) => {
  if (attributes['traceloop.span.kind'] !== 'tool') return undefined;
  return {
    tool: text(attributes['traceloop.entity.name']),
    callId: undefined,
    arguments: attributes['traceloop.entity.input'],
    result: attributes['traceloop.entity.output'],
  };
};

const dialects: readonly ToolSpanDialect[] = [genAi, vercelAi, traceloop];

/** One tool_call step per tool span, in start order; spans of other kinds are left out. */
export function spanToolSteps(spans: readonly SpanRecord[], options: SpanToolStepsOptions = {}): ToolCallStep[] {
  const steps: ToolCallStep[] = [];
  for (const span of spans) {
    const step = toolStep(span, options);
    if (step) steps.push(step);
  }
  return steps.sort((left, right) => left.startedAt - right.startedAt);
}

function toolStep(span: SpanRecord, options: SpanToolStepsOptions): ToolCallStep | undefined {
  const attributes = span.attributes;
  let fields: ToolSpanFields | undefined;
  for (const dialect of dialects) {
    fields = dialect(span, attributes);
    if (fields) break;
  }
  if (!fields?.tool) return undefined;
  const ok = span.status.code !== 'error';
  const errorType = text(attributes[GeneralAttribute.errorType]);
  return {
    type: 'tool_call',
    agent: text(attributes[GenAiAttribute.agentName]) ?? options.agent ?? '',
    callId: fields.callId ?? '',
    tool: fields.tool,
    arguments: asText(fields.arguments),
    ok,
    result: asText(fields.result) || (ok ? '' : (span.status.message ?? '')),
    ...(ok ? {} : { errorCode: errorType ?? toolErrorCode }),
    latencyMs: span.durationMs,
    startedAt: span.startTimeMs,
  };
}

function text(value: AttributeValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function asText(value: AttributeValue | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
