// What the proxy records of a model's answer, read from a whole chat.completion body or gathered
// chunk by chunk from a stream: the text, the tool calls it asked for, why it stopped, and usage.

export interface RequestedToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface CompletionSummary {
  id: string | undefined;
  model: string | undefined;
  content: string | null;
  toolCalls: RequestedToolCall[];
  finishReason: string | null;
  inputTokens: number;
  outputTokens: number;
}

interface UsageFields {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
}

interface ToolCallFields {
  index?: unknown;
  id?: unknown;
  type?: unknown;
  function?: { name?: unknown; arguments?: unknown };
}

interface ChoiceFields {
  index?: unknown;
  message?: { content?: unknown; tool_calls?: unknown };
  delta?: { content?: unknown; tool_calls?: unknown };
  finish_reason?: unknown;
}

export interface CompletionFields {
  id?: unknown;
  model?: unknown;
  choices?: unknown;
  usage?: unknown;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function firstChoice(completion: CompletionFields): ChoiceFields | undefined {
  return Array.isArray(completion.choices) ? (completion.choices[0] as ChoiceFields | undefined) : undefined;
}

/** The summary of a non-streamed chat.completion body. */
export function summarizeCompletion(completion: CompletionFields): CompletionSummary {
  const choice = firstChoice(completion);
  const message = choice?.message;
  const usage = (completion.usage ?? {}) as UsageFields;
  const toolCalls: RequestedToolCall[] = [];
  if (Array.isArray(message?.tool_calls)) {
    for (const call of message.tool_calls as ToolCallFields[]) {
      if (call.type !== undefined && call.type !== 'function') continue;
      toolCalls.push({ id: text(call.id) ?? '', name: text(call.function?.name) ?? '', arguments: text(call.function?.arguments) ?? '' });
    }
  }
  return {
    id: text(completion.id),
    model: text(completion.model),
    content: text(message?.content) ?? null,
    toolCalls,
    finishReason: text(choice?.finish_reason) ?? null,
    inputTokens: count(usage.prompt_tokens),
    outputTokens: count(usage.completion_tokens),
  };
}

/** Gathers chat.completion.chunk events into the same summary. */
export class StreamedCompletion {
  #id: string | undefined;
  #model: string | undefined;
  #content: string | null = null;
  readonly #toolCalls: RequestedToolCall[] = [];
  #finishReason: string | null = null;
  #inputTokens = 0;
  #outputTokens = 0;

  /** Adds one chunk; returns true when it carries only usage (no choices), the chunk include_usage adds. */
  add(chunk: CompletionFields): boolean {
    this.#id ??= text(chunk.id);
    this.#model ??= text(chunk.model);
    if (chunk.usage) {
      const usage = chunk.usage as UsageFields;
      this.#inputTokens = count(usage.prompt_tokens);
      this.#outputTokens = count(usage.completion_tokens);
    }
    const choice = firstChoice(chunk);
    if (!choice) return Boolean(chunk.usage) && Array.isArray(chunk.choices);
    // With `n` above 1 each chunk carries one choice: the record follows the first, as for whole answers.
    if (typeof choice.index === 'number' && choice.index !== 0) return false;
    const delta = choice.delta;
    const content = text(delta?.content);
    if (content !== undefined) this.#content = (this.#content ?? '') + content;
    if (Array.isArray(delta?.tool_calls)) for (const call of delta.tool_calls as ToolCallFields[]) this.#addToolCallDelta(call);
    const finishReason = text(choice.finish_reason);
    if (finishReason) this.#finishReason = finishReason;
    return false;
  }

  summary(): CompletionSummary {
    return {
      id: this.#id,
      model: this.#model,
      content: this.#content,
      toolCalls: this.#toolCalls.filter(Boolean),
      finishReason: this.#finishReason,
      inputTokens: this.#inputTokens,
      outputTokens: this.#outputTokens,
    };
  }

  #addToolCallDelta(call: ToolCallFields): void {
    const index = typeof call.index === 'number' ? call.index : this.#toolCalls.length;
    const known = (this.#toolCalls[index] ??= { id: '', name: '', arguments: '' });
    const id = text(call.id);
    if (id) known.id = id;
    const name = text(call.function?.name);
    if (name) known.name = name;
    const argumentsPiece = text(call.function?.arguments);
    if (argumentsPiece) known.arguments += argumentsPiece;
  }
}
