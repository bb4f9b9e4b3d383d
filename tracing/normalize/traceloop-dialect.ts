// Traceloop / OpenLLMetry: `traceloop.span.kind` marks workflows, agents, tasks and tools (their
// name is `traceloop.entity.name`, their input and output `traceloop.entity.input`/`output`), and
// its instrumentations' model calls carry `llm.request.type` with GenAI names, current or older.
import { GenAiAttribute } from '../gen-ai-attributes.js';
import type { SpanRecord } from '../span-record.js';
import { genAiModelCall } from './gen-ai-dialect.js';
import { contentOf, defined, resultTextOf, textOf } from './read-attributes.js';
import type { SpanDialect } from './span-dialect.js';
import type { DialectReading } from './span-view.js';

export const Traceloop = {
  spanKind: 'traceloop.span.kind',
  entityName: 'traceloop.entity.name',
  entityInput: 'traceloop.entity.input',
  entityOutput: 'traceloop.entity.output',
  requestType: 'llm.request.type',
  /** The older instrumentations' finish reason of the first choice. */
  firstFinishReason: 'gen_ai.completion.0.finish_reason',
} as const;

/**
 * A tool's arguments from its entity input. Traceloop writes a wrapped function's call as
 * `{"args":[…],"kwargs":{…}}`: keyword arguments alone are that object, and a call with one object
 * argument is that object, as a model wrote it; anything else is kept as written.
 */
export function traceloopArguments(input: string | undefined): string | undefined {
  if (input === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(input);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return input;
    const { args, kwargs } = parsed as { args?: unknown; kwargs?: unknown };
    const noKeywords = kwargs === undefined || (typeof kwargs === 'object' && kwargs !== null && Object.keys(kwargs).length === 0);
    if (Array.isArray(args) && args.length === 1 && noKeywords && typeof args[0] === 'object' && args[0] !== null) return JSON.stringify(args[0]);
    const noArguments = args === undefined || (Array.isArray(args) && args.length === 0);
    if (noArguments && !noKeywords && typeof kwargs === 'object' && kwargs !== null && !Array.isArray(kwargs)) return JSON.stringify(kwargs);
    return input;
  } catch {
    return input;
  }
}

function read(span: SpanRecord): DialectReading | undefined {
  const attributes = span.attributes;
  const kind = textOf(attributes[Traceloop.spanKind]);
  if (kind === undefined) {
    const requestType = textOf(attributes[Traceloop.requestType]);
    if (requestType === undefined) return undefined;
    const model = genAiModelCall(attributes, textOf(attributes[GenAiAttribute.operationName]) ?? requestType);
    const finishReason = textOf(attributes[Traceloop.firstFinishReason]);
    return { type: 'model', model: defined({ ...model, finishReasons: model.finishReasons ?? (finishReason ? [finishReason] : undefined) }) };
  }
  const name = textOf(attributes[Traceloop.entityName]);
  if (kind === 'tool') {
    const toolName = name ?? (span.name.endsWith('.tool') ? span.name.slice(0, -'.tool'.length) : undefined);
    if (toolName === undefined) return { type: 'other' };
    return {
      type: 'tool',
      tool: defined({
        name: toolName,
        callId: textOf(attributes[GenAiAttribute.toolCallId]),
        arguments: traceloopArguments(contentOf(attributes[Traceloop.entityInput])),
        result: resultTextOf(attributes[Traceloop.entityOutput]),
      }),
    };
  }
  // A workflow wraps whatever a program does; only an agent span is an agent run.
  if (kind === 'agent') return { type: 'agent', agent: defined({ name: textOf(attributes[GenAiAttribute.agentName]) ?? name }) };
  return { type: 'other' };
}

export const traceloopDialect: SpanDialect = { name: 'traceloop', read };
