// A reading of the conversation the way the simulated model sees it: the goal, the step, the tool
// calls made so far with their results, and any evidence handed over as "Context:" messages.
import { isFailedToolResult } from '../failed-tool-result.js';
import type { ChatMessage } from './request-schema.js';

export interface ToolCallRecord {
  id: string;
  name: string;
  argumentsText: string;
  /** Parsed arguments, or undefined when the model sent text that is not a JSON object. */
  arguments: Record<string, unknown> | undefined;
  /** The tool message answering this call, if any. */
  result: string | undefined;
  /** A result counts as failed when it starts with "Error" or is a JSON object with an "error" field. */
  failed: boolean;
}

export interface ConversationView {
  goal: string;
  /** Number of assistant turns already in the conversation: the step this request is for. */
  step: number;
  toolCalls: ToolCallRecord[];
  /** Texts of user or system messages that begin with "Context:" (evidence from earlier work). */
  contexts: string[];
  /** Text of the last user message that is not a context message. */
  lastUserText: string;
  /** The system instructions and the goal: which conversation this is, whatever step it has reached. */
  identity: string;
}

export const contextPrefix = /^\s*context\s*:/i;

export function messageText(message: ChatMessage): string {
  const content = message.content;
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

function parseArguments(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function readConversation(messages: ChatMessage[]): ConversationView {
  const toolCalls: ToolCallRecord[] = [];
  const byId = new Map<string, ToolCallRecord>();
  const contexts: string[] = [];
  let goal: string | undefined;
  let system = '';
  let lastUserText = '';
  let step = 0;
  for (const message of messages) {
    const text = messageText(message);
    if (message.role === 'assistant') {
      step++;
      for (const call of message.tool_calls ?? []) {
        const record: ToolCallRecord = {
          id: call.id,
          name: call.function.name,
          argumentsText: call.function.arguments,
          arguments: parseArguments(call.function.arguments),
          result: undefined,
          failed: false,
        };
        toolCalls.push(record);
        byId.set(call.id, record);
      }
    } else if (message.role === 'tool') {
      const record = byId.get(message.tool_call_id);
      if (record) {
        record.result = text;
        record.failed = isFailedToolResult(text);
      }
    } else if (message.role === 'system' || message.role === 'developer') {
      system += text;
    } else if (contextPrefix.test(text)) {
      contexts.push(text.replace(contextPrefix, '').trim());
    } else if (message.role === 'user') {
      goal ??= text;
      lastUserText = text;
    }
  }
  const resolvedGoal = goal ?? lastUserText;
  return { goal: resolvedGoal, step, toolCalls, contexts, lastUserText, identity: `${system}\u0000${resolvedGoal}` };
}
