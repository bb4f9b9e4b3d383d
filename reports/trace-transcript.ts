// A trace's captured content as the conversation it was: system, user, assistant and tool messages in
// order, each assistant tool call with its name and pretty-printed arguments followed by the tool's
// result, and the final answer marked. Every model call carries the whole history it was sent, so a
// message is shown once, where it first appears: each call's input is matched to the conversation it
// continues (the one sharing the longest opening with it; a new one otherwise, as a supervisor's
// workers each start their own), and only what that conversation has not shown yet is added. A tool
// result is shown from the tool's own span; the same result repeated in the next call's input is not.
import type { GenAiMessage, GenAiPart, NormalizedSpan } from '../tracing/index.js';
import { spanMessages } from './span-messages.js';

export interface TranscriptToolCall {
  name: string;
  callId?: string;
  /** Pretty-printed JSON when the arguments are JSON, else as the model wrote them. */
  arguments: string;
}

export interface TranscriptToolResult {
  name?: string;
  callId?: string;
  /** Shown only when no assistant message before it showed the call with these arguments. */
  arguments?: string;
  /** Pretty-printed when it is a JSON object or list. */
  result?: string;
  failed: boolean;
}

export interface TranscriptEntry {
  /** `system`, `user`, `assistant`, `tool`, or whatever role the span gave. */
  role: string;
  text?: string;
  /** The text is a JSON document, pretty-printed. */
  structured?: boolean;
  /** What an assistant message asked tools to do. */
  toolCalls?: TranscriptToolCall[];
  /** A tool entry: the call's result (and arguments, when no message showed them). */
  tool?: TranscriptToolResult;
  /** The agent's final answer: the last assistant text that asked for no tool, or the result's output. */
  final?: boolean;
  /** The agent whose span the entry came from (its nearest agent span), for traces with several. */
  agent?: string;
  /** The span it was read from, to open in the span panel. */
  spanId?: string;
}

export interface TraceTranscript {
  entries: TranscriptEntry[];
  /** Whether the trace captured any content (messages, tool arguments or results) at all. */
  captured: boolean;
  /** How many different agents the entries came from. */
  agentCount: number;
}

export interface TranscriptOptions {
  /** The answer the run recorded (an eval result's output), added as the final answer when the messages end otherwise. */
  finalAnswer?: string;
}

/**
 * One step of the transcript: a model call (its input, then its output), a tool call, or an agent
 * span's own input or output. Ordered by start time (spans that start in the same millisecond by
 * which ended first), an agent's output by its end: clocks that count starts in whole milliseconds
 * would otherwise put a call's output after the next call's input.
 */
interface Moment {
  time: number;
  /** Before (-1) or after (1) the spans that start at the same time. */
  rank: number;
  endTime: number;
  order: number;
  entry: NormalizedSpan;
  kind: 'model' | 'agent-input' | 'agent-output' | 'tool';
  input?: GenAiMessage[];
  output?: GenAiMessage[];
}

interface Conversation {
  keys: string[];
}

interface PendingCall {
  call: TranscriptToolCall;
  key: string;
  answered: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** JSON text (or a parsed value) as its value; other text as it is. */
function jsonValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

/** Objects and lists pretty-printed, texts as they are. */
export function prettyContent(value: unknown): string {
  const parsed = jsonValue(value);
  if (typeof parsed === 'string') return parsed;
  return JSON.stringify(parsed, null, 2) ?? String(parsed);
}

/** One text for comparing arguments however they were written (object, JSON text, spacing). */
function argumentsKey(value: unknown): string {
  const parsed = jsonValue(value);
  return typeof parsed === 'string' ? parsed : JSON.stringify(parsed) ?? '';
}

function partText(part: GenAiPart): string | undefined {
  if (part.type === 'text' || part.type === 'reasoning') {
    const content = (part as { content?: unknown }).content;
    return typeof content === 'string' ? content : undefined;
  }
  if (part.type === 'tool_call' || part.type === 'tool_call_response') return undefined;
  // Images, audio, files: say what was there rather than show the data.
  const described = part as { modality?: unknown; uri?: unknown; mime_type?: unknown };
  const kind = typeof described.modality === 'string' ? described.modality : part.type;
  return `[${kind}${typeof described.uri === 'string' ? `: ${described.uri}` : typeof described.mime_type === 'string' ? `, ${described.mime_type}` : ''}]`;
}

function messageText(message: GenAiMessage): string {
  return message.parts
    .map(partText)
    .filter((content): content is string => content !== undefined && content !== '')
    .join('\n\n');
}

function toolCallsOf(message: GenAiMessage): TranscriptToolCall[] {
  return message.parts.flatMap((part) => {
    if (part.type !== 'tool_call') return [];
    const call = part as { id?: unknown; name?: unknown; arguments?: unknown };
    if (typeof call.name !== 'string') return [];
    return [{ name: call.name, ...(typeof call.id === 'string' ? { callId: call.id } : {}), arguments: prettyContent(call.arguments ?? '') }];
  });
}

function responsesOf(message: GenAiMessage): Array<{ callId?: string; result: string }> {
  return message.parts.flatMap((part) => {
    if (part.type !== 'tool_call_response') return [];
    const response = part as { id?: unknown; response?: unknown };
    return [{ ...(typeof response.id === 'string' ? { callId: response.id } : {}), result: prettyContent(response.response ?? '') }];
  });
}

/** What makes two messages the same message, wherever they were captured. */
function messageKey(message: GenAiMessage): string {
  return JSON.stringify([
    message.role,
    messageText(message).trim(),
    toolCallsOf(message).map((call) => [call.name, argumentsKey(call.arguments)]),
    responsesOf(message).map((response) => [response.callId ?? '', response.result.trim()]),
  ]);
}

function commonOpening(left: readonly string[], right: readonly string[]): number {
  let length = 0;
  while (length < left.length && length < right.length && left[length] === right[length]) length++;
  return length;
}

function moments(entries: readonly NormalizedSpan[]): Moment[] {
  const finite = (value: number) => (Number.isFinite(value) ? value : 0);
  const found: Moment[] = [];
  entries.forEach((entry, order) => {
    const { span, view } = entry;
    const at = { time: finite(span.startTimeMs), rank: 0, endTime: finite(span.endTimeMs), order, entry };
    if (view.type === 'tool') {
      found.push({ ...at, kind: 'tool' });
      return;
    }
    const { input, output } = spanMessages(span, view);
    if (input === undefined && output === undefined) return;
    if (view.type !== 'agent') {
      found.push({ ...at, kind: 'model', ...(input ? { input } : {}), ...(output ? { output } : {}) });
      return;
    }
    if (input) found.push({ ...at, rank: -1, kind: 'agent-input', input });
    if (output) found.push({ ...at, time: at.endTime, rank: 1, kind: 'agent-output', output });
  });
  return found.sort((left, right) => left.time - right.time || left.rank - right.rank || left.endTime - right.endTime || left.order - right.order);
}

/** The name of each span's nearest agent span (itself, for an agent span). */
function agentNames(entries: readonly NormalizedSpan[]): Map<string, string> {
  const byId = new Map(entries.map((entry) => [entry.span.spanId, entry]));
  const names = new Map<string, string>();
  for (const entry of entries) {
    let current: NormalizedSpan | undefined = entry;
    const seen = new Set<string>();
    while (current && !seen.has(current.span.spanId)) {
      seen.add(current.span.spanId);
      if (current.view.type === 'agent') {
        names.set(entry.span.spanId, current.view.agent?.name ?? current.span.name);
        break;
      }
      current = current.span.parentSpanId === undefined ? undefined : byId.get(current.span.parentSpanId);
    }
  }
  return names;
}

class TranscriptBuilder {
  readonly entries: TranscriptEntry[] = [];
  /** Whether any tool span carried its arguments or result (not only an error status). */
  capturedContent = false;
  private readonly conversations: Conversation[] = [];
  private readonly conversationOfSpan = new Map<string, Conversation>();
  private readonly pendingCalls: PendingCall[] = [];
  private readonly answeredCallIds = new Set<string>();
  private readonly shownResults: string[] = [];

  constructor(private readonly agents: Map<string, string>) {}

  input(moment: Moment): void {
    const messages = moment.input ?? [];
    const keys = messages.map(messageKey);
    let conversation: Conversation | undefined;
    let opening = 0;
    for (const candidate of this.conversations) {
      const length = commonOpening(candidate.keys, keys);
      if (length > opening) [conversation, opening] = [candidate, length];
    }
    if (!conversation) this.conversations.push((conversation = { keys: [] }));
    const known = new Set(conversation.keys);
    messages.forEach((message, index) => {
      if (index >= opening && !known.has(keys[index]!)) this.message(message, moment.entry);
    });
    conversation.keys = keys;
    this.conversationOfSpan.set(moment.entry.span.spanId, conversation);
  }

  output(moment: Moment): void {
    let conversation = this.conversationOfSpan.get(moment.entry.span.spanId);
    if (!conversation) this.conversations.push((conversation = { keys: [] }));
    for (const message of moment.output ?? []) {
      const key = messageKey(message);
      // An agent span's answer is its last model call's, already shown.
      if (conversation.keys.at(-1) !== key) this.message(message, moment.entry);
      conversation.keys.push(key);
    }
  }

  tool(moment: Moment): void {
    const { span, view } = moment.entry;
    const tool = view.tool;
    if (!tool) return;
    const pending =
      (tool.callId !== undefined ? this.pendingCalls.find((candidate) => candidate.call.callId === tool.callId) : undefined) ??
      this.pendingCalls.find((candidate) => !candidate.answered && candidate.call.name === tool.name && (tool.callId === undefined || candidate.call.callId === undefined));
    if (pending) pending.answered = true;
    const callId = tool.callId ?? pending?.call.callId;
    if (callId !== undefined) this.answeredCallIds.add(callId);
    const argumentsShown = pending !== undefined && (tool.arguments === undefined || pending.key === argumentsKey(tool.arguments));
    const failed = span.status.code === 'error';
    if (tool.result !== undefined || tool.arguments !== undefined) this.capturedContent = true;
    const result = tool.result !== undefined ? prettyContent(tool.result) : failed ? span.status.message : undefined;
    if (result !== undefined) this.shownResults.push(result.trim());
    this.push(moment.entry, {
      role: 'tool',
      tool: {
        name: tool.name,
        ...(callId !== undefined ? { callId } : {}),
        ...(!argumentsShown && tool.arguments !== undefined ? { arguments: prettyContent(tool.arguments) } : {}),
        ...(result !== undefined ? { result } : {}),
        failed,
      },
    });
  }

  private message(message: GenAiMessage, entry: NormalizedSpan): void {
    const responses = responsesOf(message);
    if (responses.length > 0) {
      for (const response of responses) {
        // Shown already from the tool's span (by call id, or by the same text when there is none).
        if (response.callId !== undefined ? this.answeredCallIds.has(response.callId) : this.shownResults.includes(response.result.trim())) continue;
        const pending = this.pendingCalls.find((candidate) => candidate.call.callId !== undefined && candidate.call.callId === response.callId);
        if (pending) pending.answered = true;
        if (response.callId !== undefined) this.answeredCallIds.add(response.callId);
        this.shownResults.push(response.result.trim());
        this.push(entry, { role: 'tool', tool: { ...(pending ? { name: pending.call.name } : {}), ...(response.callId !== undefined ? { callId: response.callId } : {}), result: response.result, failed: false } });
      }
      return;
    }
    const text = messageText(message);
    const toolCalls = toolCallsOf(message);
    // Nothing said and nothing called (Traceloop's "null" for a message that only called tools).
    if (text.trim() === '' && toolCalls.length === 0) return;
    for (const call of toolCalls) this.pendingCalls.push({ call, key: argumentsKey(call.arguments), answered: false });
    // Structured output (a supervisor's decision, a JSON answer) reads better laid out.
    const shown = isJsonDocument(text) ? { text: prettyContent(text), structured: true } : text !== '' ? { text } : {};
    this.push(entry, { role: message.role, ...shown, ...(toolCalls.length > 0 ? { toolCalls } : {}) });
  }

  private push(entry: NormalizedSpan, fields: TranscriptEntry): void {
    const agent = this.agents.get(entry.span.spanId);
    this.entries.push({ ...fields, ...(agent !== undefined ? { agent } : {}), spanId: entry.span.spanId });
  }
}

/**
 * The transcript of a trace's spans. Agent spans' own input and output (a framework's prompt and
 * answer) are read only when no model call in the trace captured messages, as they repeat them.
 */
export function traceTranscript(entries: readonly NormalizedSpan[], options: TranscriptOptions = {}): TraceTranscript {
  const all = moments(entries);
  const modelMessages = all.some((moment) => moment.kind === 'model');
  const builder = new TranscriptBuilder(agentNames(entries));
  for (const moment of all) {
    if (moment.kind === 'tool') builder.tool(moment);
    else if (moment.kind === 'model') {
      if (moment.input) builder.input(moment);
      if (moment.output) builder.output(moment);
    } else if (!modelMessages) {
      if (moment.kind === 'agent-input') builder.input(moment);
      else builder.output(moment);
    }
  }
  const transcript = builder.entries;
  // A failed tool's error message stands in for its result, but it is not captured content: a trace
  // made without --capture-content must say so rather than show a few errors as its conversation.
  const captured = builder.capturedContent || transcript.some((entry) => entry.role !== 'tool');
  if (!captured) return { entries: [], captured: false, agentCount: 0 };
  markFinalAnswer(transcript, options.finalAnswer);
  return { entries: transcript, captured: true, agentCount: new Set(transcript.map((entry) => entry.agent).filter((agent) => agent !== undefined)).size };
}

function markFinalAnswer(transcript: TranscriptEntry[], recorded: string | undefined): void {
  const last = transcript.at(-1);
  const answered = last !== undefined && last.role === 'assistant' && last.text !== undefined && last.toolCalls === undefined;
  if (recorded !== undefined && recorded.trim() !== '' && !(answered && last.text!.trim() === recorded.trim())) {
    transcript.push({ role: 'assistant', text: recorded, final: true });
    return;
  }
  if (answered) last.final = true;
}

/** Whether a value is (or is the text of) a JSON object or list. */
export function isJsonDocument(value: unknown): boolean {
  const parsed = jsonValue(value);
  return isObject(parsed) || Array.isArray(parsed);
}
