// A reading of the conversation the way the simulated model sees it: the goal, the step, the tool
// calls made so far with their results, and any evidence handed over as "Context:" messages. Calls
// that working memory folded into a summary are read back from the summary's tool lines.
import { isFailedToolResult } from '../failed-tool-result.js';
import type { ChatMessage } from './request-schema.js';
import { parseToolLine } from './summary-lines.js';

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
  /** Read from a summary of earlier work rather than from an assistant message and its tool result. */
  summarised?: boolean;
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
  /** The text of the system (and developer) messages, where the lessons block is read from. */
  system: string;
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
      const rest: string[] = [];
      for (const line of text.replace(contextPrefix, '').split('\n')) {
        const call = parseToolLine(line);
        if (!call) {
          rest.push(line);
          continue;
        }
        const record = { id: `summarised_${toolCalls.length}`, name: call.name, argumentsText: call.argumentsText, arguments: parseArguments(call.argumentsText), result: call.result, failed: isFailedToolResult(call.result), summarised: true };
        toolCalls.push(record);
      }
      const evidence = rest.join('\n').trim();
      // A summary's heading alone is not evidence.
      if (evidence !== '' && !/^summary of earlier work[^\n]*:$/i.test(evidence)) contexts.push(evidence);
    } else if (message.role === 'user') {
      goal ??= text;
      lastUserText = text;
    }
  }
  const resolvedGoal = goal ?? lastUserText;
  return { goal: resolvedGoal, step, toolCalls, contexts, lastUserText, identity: `${system}\u0000${resolvedGoal}`, system };
}
