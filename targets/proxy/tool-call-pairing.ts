// Tool calls seen from the conversation alone: the model asks for them in a reply, and the agent
// sends each result back as a `role: "tool"` message with the call's id on a later request. Pairing
// the two gives a tool_call step for any agent that talks to an OpenAI-compatible API, with the time
// between the reply and the request that carried the result as its latency.
import type { ToolCallStep } from '../../agents/index.js';
import { noResultErrorCode, noResultText } from '../trajectory/index.js';
import type { RequestedToolCall } from './completion-summary.js';
import { isFailedToolResult } from '../../models/index.js';

interface WaitingCall {
  tool: string;
  arguments: string;
  /** When the reply that asked for it ended. */
  askedAt: number;
}

interface ToolMessageFields {
  role?: unknown;
  tool_call_id?: unknown;
  content?: unknown;
}

/** A tool message's content as text: a string, or the text of its parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join('');
  }
  return content === undefined || content === null ? '' : JSON.stringify(content);
}

export class ToolCallPairing {
  readonly #waiting = new Map<string, WaitingCall>();
  /** Calls whose id the model used again before the first was answered: never answered. */
  readonly #superseded: ToolCallStep[] = [];

  constructor(private readonly agent: string) {}

  /** The model asked for `calls` in a reply that ended at `askedAt`. */
  asked(calls: readonly RequestedToolCall[], askedAt: number): void {
    for (const call of calls) {
      if (call.id === '') continue;
      const earlier = this.#waiting.get(call.id);
      if (earlier) this.#superseded.push(this.#unanswered(call.id, earlier));
      this.#waiting.set(call.id, { tool: call.name, arguments: call.arguments, askedAt });
    }
  }

  /** The steps of the waiting calls whose results `messages` (a request's conversation, received at `receivedAt`) carries. */
  answered(messages: unknown, receivedAt: number): ToolCallStep[] {
    if (this.#waiting.size === 0 || !Array.isArray(messages)) return [];
    const steps: ToolCallStep[] = [];
    // From the end: when a model reuses ids across turns, the latest message is this call's answer.
    for (let index = messages.length - 1; index >= 0 && this.#waiting.size > 0; index -= 1) {
      const message = messages[index] as ToolMessageFields | null;
      if (message?.role !== 'tool' || typeof message.tool_call_id !== 'string') continue;
      const call = this.#waiting.get(message.tool_call_id);
      if (!call) continue;
      this.#waiting.delete(message.tool_call_id);
      const result = contentText(message.content);
      const failed = isFailedToolResult(result);
      steps.push({
        type: 'tool_call',
        agent: this.agent,
        callId: message.tool_call_id,
        tool: call.tool,
        arguments: call.arguments,
        ok: !failed,
        result,
        ...(failed ? { errorCode: 'tool_error' } : {}),
        latencyMs: Math.max(0, receivedAt - call.askedAt),
        startedAt: call.askedAt,
      });
    }
    return steps.reverse();
  }

  /** Steps for the calls never answered, as failed with `no_result`. */
  unanswered(): ToolCallStep[] {
    return [...this.#superseded, ...[...this.#waiting].map(([callId, call]) => this.#unanswered(callId, call))];
  }

  #unanswered(callId: string, call: WaitingCall): ToolCallStep {
    return {
      type: 'tool_call',
      agent: this.agent,
      callId,
      tool: call.tool,
      arguments: call.arguments,
      ok: false,
      result: noResultText,
      errorCode: noResultErrorCode,
      latencyMs: 0,
      startedAt: call.askedAt,
    };
  }
}
