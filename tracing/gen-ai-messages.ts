// Chat messages in the shape the GenAI semantic conventions give `gen_ai.input.messages` and
// `gen_ai.output.messages` (semantic-conventions v1.41, docs/gen-ai/gen-ai-input-messages.json and
// gen-ai-output-messages.json): each message a role and a list of typed parts, tool calls with
// parsed arguments, tool results tied to their call id. The built-in agents' spans and the recording
// proxy's both convert OpenAI chat completion messages here, so a GenAI-aware backend reads the tool
// calls in either.
import { capCapturedJson } from './cap-captured-content.js';

export interface GenAiTextPart {
  type: 'text';
  content: string;
}

export interface GenAiToolCallPart {
  type: 'tool_call';
  id: string | null;
  name: string;
  /** The parsed JSON object when the model sent one, else the text as sent. */
  arguments: unknown;
}

export interface GenAiToolCallResponsePart {
  type: 'tool_call_response';
  id: string | null;
  response: unknown;
}

/** Images and audio (`uri`, `blob`) and anything else the conventions allow as a part with its own `type`. */
export interface GenAiOtherPart {
  type: string;
  [field: string]: unknown;
}

export type GenAiPart = GenAiTextPart | GenAiToolCallPart | GenAiToolCallResponsePart | GenAiOtherPart;

export interface GenAiMessage {
  role: string;
  parts: GenAiPart[];
  /** The participant's name, when the request gave one. */
  name?: string;
}

export interface GenAiOutputMessage extends GenAiMessage {
  /** In the conventions' words (`tool_call`, not OpenAI's `tool_calls`); absent when the response had none. */
  finish_reason?: string;
}

/** What a model call returned, as agentlab's trajectory records it. */
export interface ModelReply {
  content?: string | null;
  toolCalls?: ReadonlyArray<{ id: string; name: string; arguments: string }>;
  finishReason?: string | null;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
const text = (content: string): GenAiTextPart => ({ type: 'text', content });

/** OpenAI's finish reasons as the conventions name them; others (stop, length, content_filter) are the same. */
const finishReasons: Readonly<Record<string, string>> = { tool_calls: 'tool_call', function_call: 'tool_call' };

export function genAiFinishReason(reason: string): string {
  return finishReasons[reason] ?? reason;
}

/** Arguments as the parsed object or array when the text is one, else the text itself. */
export function parseToolArguments(argumentsText: unknown): unknown {
  if (typeof argumentsText !== 'string') return argumentsText ?? null;
  try {
    const parsed = JSON.parse(argumentsText) as unknown;
    return parsed !== null && typeof parsed === 'object' ? parsed : argumentsText;
  } catch {
    return argumentsText;
  }
}

/** A content part of an OpenAI message: text, an image (by URL or inline data), audio, or passed on as it is. */
function contentPart(part: unknown): GenAiPart | undefined {
  if (typeof part === 'string') return text(part);
  if (!isObject(part) || typeof part.type !== 'string') return undefined;
  if (part.type === 'text' && typeof part.text === 'string') return text(part.text);
  if (part.type === 'image_url' && isObject(part.image_url) && typeof part.image_url.url === 'string') {
    const inline = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s.exec(part.image_url.url);
    return inline ? { type: 'blob', modality: 'image', mime_type: inline[1] ?? null, content: inline[2] } : { type: 'uri', modality: 'image', uri: part.image_url.url };
  }
  if (part.type === 'input_audio' && isObject(part.input_audio) && typeof part.input_audio.data === 'string') {
    const format = typeof part.input_audio.format === 'string' ? `audio/${part.input_audio.format}` : null;
    return { type: 'blob', modality: 'audio', mime_type: format, content: part.input_audio.data };
  }
  return part as GenAiOtherPart;
}

function contentParts(content: unknown): GenAiPart[] {
  if (typeof content === 'string') return content === '' ? [] : [text(content)];
  if (Array.isArray(content)) return content.map(contentPart).filter((part): part is GenAiPart => part !== undefined);
  return [];
}

/** A tool result's content as the model read it: the text, or the text parts joined. */
function responseText(content: unknown): unknown {
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === 'string' ? part : isObject(part) && typeof part.text === 'string' ? part.text : '')).join('');
  }
  return content ?? '';
}

function toolCallPart(call: unknown): GenAiToolCallPart | undefined {
  if (!isObject(call)) return undefined;
  const id = typeof call.id === 'string' ? call.id : null;
  // Function tools carry `function`, custom tools `custom` with a free-form `input`.
  if (isObject(call.function) && typeof call.function.name === 'string') return { type: 'tool_call', id, name: call.function.name, arguments: parseToolArguments(call.function.arguments) };
  if (isObject(call.custom) && typeof call.custom.name === 'string') return { type: 'tool_call', id, name: call.custom.name, arguments: parseToolArguments(call.custom.input) };
  return undefined;
}

function inputMessage(message: unknown): GenAiMessage | undefined {
  if (!isObject(message)) return undefined;
  const role = typeof message.role === 'string' ? message.role : 'user';
  const named = typeof message.name === 'string' ? { name: message.name } : {};
  if (role === 'tool' || role === 'function') {
    const id = typeof message.tool_call_id === 'string' ? message.tool_call_id : null;
    return { role: 'tool', parts: [{ type: 'tool_call_response', id, response: responseText(message.content) }], ...named };
  }
  const parts = contentParts(message.content);
  if (Array.isArray(message.tool_calls)) parts.push(...message.tool_calls.map(toolCallPart).filter((part): part is GenAiToolCallPart => part !== undefined));
  if (isObject(message.function_call) && typeof message.function_call.name === 'string') {
    parts.push({ type: 'tool_call', id: null, name: message.function_call.name, arguments: parseToolArguments(message.function_call.arguments) });
  }
  // A message that said nothing still shows, as the empty text it was.
  return { role, parts: parts.length > 0 ? parts : [text('')], ...named };
}

/**
 * OpenAI chat completion request messages (as sent, so unknown: the proxy passes on whatever an agent
 * wrote) in the conventions' shape. System and developer messages stay in the list with their role:
 * the conventions keep `gen_ai.system_instructions` for instructions given apart from the chat
 * history, and OpenAI's chat API has none.
 */
export function toGenAiInputMessages(messages: unknown): GenAiMessage[] {
  if (!Array.isArray(messages)) return [];
  return messages.map(inputMessage).filter((message): message is GenAiMessage => message !== undefined);
}

/** One output message for the choice a model call returned. */
export function toGenAiOutputMessages(reply: ModelReply): GenAiOutputMessage[] {
  const parts: GenAiPart[] = [
    ...(reply.content ? [text(reply.content)] : []),
    ...(reply.toolCalls ?? []).map((call): GenAiToolCallPart => ({ type: 'tool_call', id: call.id, name: call.name, arguments: parseToolArguments(call.arguments) })),
  ];
  return [{ role: 'assistant', parts, ...(reply.finishReason ? { finish_reason: genAiFinishReason(reply.finishReason) } : {}) }];
}

/** `gen_ai.input.messages` for a request's messages: the conventions' shape, capped to the captured content size. */
export function inputMessagesAttribute(messages: unknown): string {
  return capCapturedJson(toGenAiInputMessages(messages));
}

/** `gen_ai.output.messages` for what a model call returned. */
export function outputMessagesAttribute(reply: ModelReply): string {
  return capCapturedJson(toGenAiOutputMessages(reply));
}
