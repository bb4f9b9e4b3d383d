// The chat content one span captured, whichever convention wrote it, as GenAI messages (a role and
// typed parts, tracing/gen-ai-messages.ts): what the trace page's transcript is assembled from.
// Read, in this order: the GenAI conventions' JSON (`gen_ai.system_instructions`,
// `gen_ai.input.messages`, `gen_ai.output.messages`), OpenInference's flattened
// `llm.input_messages.N.message.*`, the Vercel AI SDK's `ai.prompt.messages` / `ai.prompt` and
// `ai.response.text` / `ai.response.toolCalls`, and Traceloop's older `gen_ai.prompt.N.*` /
// `gen_ai.completion.N.*`; an agent span's own input and output (OpenInference `input.value`,
// Traceloop `traceloop.entity.input`) last. Tool spans are read from their normalised view instead.
import type { AttributeValue } from '@opentelemetry/api';
import { GenAiAttribute, toGenAiInputMessages } from '../tracing/index.js';
import type { GenAiMessage, GenAiPart, SpanRecord, SpanView } from '../tracing/index.js';

type Attributes = SpanRecord['attributes'];
type JsonObject = Record<string, unknown>;

/** What a span says went into and came out of its model (or its agent, for an agent span). */
export interface SpanMessages {
  input?: GenAiMessage[];
  output?: GenAiMessage[];
}

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
const text = (content: string): GenAiPart => ({ type: 'text', content });

function parseJson(value: AttributeValue | undefined): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function textValue(value: AttributeValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// GenAI semantic conventions: JSON lists of { role, parts }.

function genAiPart(part: unknown): GenAiPart | undefined {
  if (typeof part === 'string') return text(part);
  if (!isObject(part) || typeof part.type !== 'string') return undefined;
  // Some writers call a text part's field `text`, as OpenAI does.
  if (part.type === 'text' && typeof part.content !== 'string' && typeof part.text === 'string') return text(part.text);
  return part as GenAiPart;
}

function genAiMessages(value: AttributeValue | undefined): GenAiMessage[] | undefined {
  const parsed = parseJson(value);
  if (typeof parsed === 'string') return [{ role: 'input', parts: [text(parsed)] }];
  if (!Array.isArray(parsed)) return undefined;
  return parsed.filter(isObject).map((message) => ({
    role: typeof message.role === 'string' ? message.role : 'user',
    parts: Array.isArray(message.parts) ? message.parts.map(genAiPart).filter((part): part is GenAiPart => part !== undefined) : [],
  }));
}

function systemInstructions(value: AttributeValue | undefined): GenAiMessage | undefined {
  if (value === undefined) return undefined;
  const parsed = parseJson(value);
  const parts = Array.isArray(parsed) ? parsed.map(genAiPart).filter((part): part is GenAiPart => part !== undefined) : typeof value === 'string' ? [text(value)] : [];
  return parts.length > 0 ? { role: 'system', parts } : undefined;
}

function readGenAi(attributes: Attributes): SpanMessages {
  const system = systemInstructions(attributes[GenAiAttribute.systemInstructions]);
  const input = genAiMessages(attributes[GenAiAttribute.inputMessages]);
  const output = genAiMessages(attributes[GenAiAttribute.outputMessages]);
  return {
    ...(system || input ? { input: [...(system ? [system] : []), ...(input ?? [])] } : {}),
    ...(output ? { output } : {}),
  };
}

// Flattened lists (OpenInference, Traceloop's older names): `<prefix>.<index>.<field>` attributes.

/** The attributes under `<prefix>.<index>.` grouped by index, in index order, each as field → value. */
function flattenedList(attributes: Attributes, prefix: string): Array<Map<string, AttributeValue>> {
  const byIndex = new Map<number, Map<string, AttributeValue>>();
  const start = `${prefix}.`;
  for (const [name, value] of Object.entries(attributes)) {
    if (!name.startsWith(start)) continue;
    const match = /^(\d+)\.(.+)$/.exec(name.slice(start.length));
    if (!match) continue;
    const index = Number(match[1]);
    let fields = byIndex.get(index);
    if (!fields) byIndex.set(index, (fields = new Map()));
    fields.set(match[2]!, value);
  }
  return [...byIndex.entries()].sort(([left], [right]) => left - right).map(([, fields]) => fields);
}

/** Fields `<prefix>.<index>.<rest>` of one flattened item, grouped the same way. */
function nestedList(fields: Map<string, AttributeValue>, prefix: string): Array<Map<string, AttributeValue>> {
  const record: Record<string, AttributeValue> = {};
  for (const [name, value] of fields) record[name] = value;
  return flattenedList(record, prefix);
}

/** A flattened message's text: Traceloop writes `"null"` for an assistant message that only called tools, and JSON for content parts. */
function flattenedContent(value: AttributeValue | undefined): string | undefined {
  const content = textValue(value);
  if (content === undefined || content === 'null') return undefined;
  if (content.startsWith('[')) {
    const parsed = parseJson(content);
    if (Array.isArray(parsed)) {
      const texts = parsed.map((part) => (typeof part === 'string' ? part : isObject(part) && typeof part.text === 'string' ? part.text : '')).filter((part) => part !== '');
      if (texts.length > 0) return texts.join('\n');
    }
  }
  return content;
}

interface FlattenedFields {
  role: string;
  content: string | undefined;
  toolCallId: string | undefined;
  toolCalls: Array<{ id: string | null; name: string; arguments: unknown }>;
}

function flattenedMessage(fields: FlattenedFields): GenAiMessage {
  if (fields.role === 'tool') return { role: 'tool', parts: [{ type: 'tool_call_response', id: fields.toolCallId ?? null, response: fields.content ?? '' }] };
  const parts: GenAiPart[] = [...(fields.content !== undefined ? [text(fields.content)] : []), ...fields.toolCalls.map((call) => ({ type: 'tool_call', ...call }))];
  return { role: fields.role, parts };
}

function openInferenceMessages(attributes: Attributes, prefix: string): GenAiMessage[] | undefined {
  const items = flattenedList(attributes, prefix);
  if (items.length === 0) return undefined;
  return items.map((fields) => {
    const contents = nestedList(fields, 'message.contents')
      .map((part) => textValue(part.get('message_content.text')))
      .filter((content): content is string => content !== undefined);
    const toolCalls = nestedList(fields, 'message.tool_calls').flatMap((call) => {
      const name = textValue(call.get('tool_call.function.name'));
      return name === undefined ? [] : [{ id: textValue(call.get('tool_call.id')) ?? null, name, arguments: call.get('tool_call.function.arguments') ?? null }];
    });
    return flattenedMessage({
      role: textValue(fields.get('message.role')) ?? 'user',
      content: flattenedContent(fields.get('message.content')) ?? (contents.length > 0 ? contents.join('\n') : undefined),
      toolCallId: textValue(fields.get('message.tool_call_id')),
      toolCalls,
    });
  });
}

function readOpenInference(attributes: Attributes): SpanMessages {
  const input = openInferenceMessages(attributes, 'llm.input_messages');
  const output = openInferenceMessages(attributes, 'llm.output_messages');
  return { ...(input ? { input } : {}), ...(output ? { output } : {}) };
}

function traceloopMessages(attributes: Attributes, prefix: string): GenAiMessage[] | undefined {
  const items = flattenedList(attributes, prefix).filter((fields) => fields.has('role') || fields.has('content'));
  if (items.length === 0) return undefined;
  return items.map((fields) =>
    flattenedMessage({
      role: textValue(fields.get('role')) ?? 'user',
      content: flattenedContent(fields.get('content')),
      toolCallId: textValue(fields.get('tool_call_id')),
      toolCalls: nestedList(fields, 'tool_calls').flatMap((call) => {
        const name = textValue(call.get('name'));
        return name === undefined ? [] : [{ id: textValue(call.get('id')) ?? null, name, arguments: call.get('arguments') ?? null }];
      }),
    }),
  );
}

function readTraceloop(attributes: Attributes): SpanMessages {
  const input = traceloopMessages(attributes, 'gen_ai.prompt');
  const output = traceloopMessages(attributes, 'gen_ai.completion');
  return { ...(input ? { input } : {}), ...(output ? { output } : {}) };
}

// The Vercel AI SDK: its own message shape (content parts `text`, `tool-call`, `tool-result`).

/** A tool result as the SDK wraps it (`{ type: 'text', value }`, `{ type: 'json', value }`) unwrapped. */
function vercelToolOutput(output: unknown): unknown {
  return isObject(output) && typeof output.type === 'string' && 'value' in output ? output.value : output;
}

function vercelPart(part: unknown): GenAiPart | undefined {
  if (typeof part === 'string') return text(part);
  if (!isObject(part) || typeof part.type !== 'string') return undefined;
  const id = typeof part.toolCallId === 'string' ? part.toolCallId : null;
  if ((part.type === 'text' || part.type === 'reasoning') && typeof part.text === 'string') return part.type === 'text' ? text(part.text) : { type: 'reasoning', content: part.text };
  if (part.type === 'tool-call' && typeof part.toolName === 'string') return { type: 'tool_call', id, name: part.toolName, arguments: part.input ?? part.args ?? null };
  if (part.type === 'tool-result') return { type: 'tool_call_response', id, response: vercelToolOutput(part.output ?? part.result) };
  return part as GenAiPart;
}

function vercelMessages(messages: unknown): GenAiMessage[] | undefined {
  if (!Array.isArray(messages)) return undefined;
  return messages.filter(isObject).flatMap((message): GenAiMessage[] => {
    // Messages in OpenAI's shape (some apps pass those through) read as OpenAI's.
    if ('tool_calls' in message || 'tool_call_id' in message) return toGenAiInputMessages([message]);
    const role = typeof message.role === 'string' ? message.role : 'user';
    const content = message.content;
    const parts = typeof content === 'string' ? [text(content)] : Array.isArray(content) ? content.map(vercelPart).filter((part): part is GenAiPart => part !== undefined) : [];
    return [{ role, parts }];
  });
}

function vercelResponse(attributes: Attributes): GenAiMessage[] | undefined {
  const responseText = textValue(attributes['ai.response.text']);
  const calls = parseJson(attributes['ai.response.toolCalls']);
  const toolCalls: GenAiPart[] = Array.isArray(calls)
    ? calls.filter(isObject).flatMap((call) =>
        typeof call.toolName === 'string' ? [{ type: 'tool_call', id: typeof call.toolCallId === 'string' ? call.toolCallId : null, name: call.toolName, arguments: call.input ?? call.args ?? null }] : [],
      )
    : [];
  if (responseText === undefined && toolCalls.length === 0) return undefined;
  return [{ role: 'assistant', parts: [...(responseText !== undefined ? [text(responseText)] : []), ...toolCalls] }];
}

/** `ai.prompt` on the SDK's outer spans: `{ system, prompt }` or `{ system, messages }`. */
function vercelPrompt(value: AttributeValue | undefined): GenAiMessage[] | undefined {
  const prompt = parseJson(value);
  if (!isObject(prompt)) return undefined;
  const system = typeof prompt.system === 'string' ? [{ role: 'system', parts: [text(prompt.system)] }] : [];
  const rest = typeof prompt.prompt === 'string' ? [{ role: 'user', parts: [text(prompt.prompt)] }] : (vercelMessages(prompt.messages ?? prompt.prompt) ?? []);
  return system.length + rest.length > 0 ? [...system, ...rest] : undefined;
}

function readVercelAi(attributes: Attributes): SpanMessages {
  const input = vercelMessages(parseJson(attributes['ai.prompt.messages'])) ?? vercelPrompt(attributes['ai.prompt']);
  const output = vercelResponse(attributes);
  return { ...(input ? { input } : {}), ...(output ? { output } : {}) };
}

// An agent span's own input and output, when it records them as plain values.

/** Traceloop's `{"args":[…],"kwargs":{}}` input: its one text argument. */
function entityInputText(value: AttributeValue | undefined): string | undefined {
  const parsed = parseJson(value);
  if (isObject(parsed) && Array.isArray(parsed.args) && parsed.args.length === 1 && typeof parsed.args[0] === 'string') return parsed.args[0];
  return typeof parsed === 'string' ? parsed : textValue(value);
}

function readAgentValues(attributes: Attributes): SpanMessages {
  const input = textValue(attributes['input.value']) ?? entityInputText(attributes['traceloop.entity.input']);
  const outputValue = attributes['output.value'] ?? attributes['traceloop.entity.output'];
  const parsedOutput = parseJson(outputValue);
  const output = typeof parsedOutput === 'string' ? parsedOutput : textValue(outputValue);
  return {
    ...(input !== undefined ? { input: [{ role: 'user', parts: [text(input)] }] } : {}),
    ...(output !== undefined ? { output: [{ role: 'assistant', parts: [text(output)] }] } : {}),
  };
}

const readers: ReadonlyArray<(attributes: Attributes) => SpanMessages> = [readGenAi, readOpenInference, readVercelAi, readTraceloop];

/**
 * The messages a model or agent span captured; `{}` when it captured none. The first convention
 * that has an input (or output) gives it; an agent span's plain input and output values come last,
 * and only agent spans are read for them (a model span's `input.value` is its raw request).
 */
export function spanMessages(span: SpanRecord, view: SpanView): SpanMessages {
  if (view.type === 'tool') return {};
  const found: SpanMessages = {};
  for (const read of [...readers, ...(view.type === 'agent' ? [readAgentValues] : [])]) {
    const messages = read(span.attributes);
    if (found.input === undefined && messages.input !== undefined) found.input = messages.input;
    if (found.output === undefined && messages.output !== undefined) found.output = messages.output;
    if (found.input !== undefined && found.output !== undefined) break;
  }
  return found;
}
