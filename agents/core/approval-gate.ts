// The approval gate as a run sees it: the tool layer's request with what a person deciding needs
// (the agent, a call id unique in the run, a preview of the conversation before the call), and what
// a run that stopped at the gate hands back so that the caller can record the pending call.
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ApprovalRequest, GateDecision } from '../tools/index.js';
import { approvalContextMaxLength, approvalContextMessageMaxLength, approvalContextMessages } from '../constants.js';

export interface RunApprovalRequest extends ApprovalRequest {
  /** The agent or worker that made the call. */
  agent: string;
  /** The arguments as the model sent them. */
  argumentsText: string;
  /** The last messages before the call, as bounded text. */
  context: string;
  /**
   * A gate that records the call as waiting for a decision calls this with the approval's id, so the
   * trace shows where the run asked.
   */
  onPending(approvalId: string): void;
}

/**
 * Answers a gated call of a run: approved or rejected (who, when, why), or `paused` when the run must
 * stop here; resumed later, the run replays to this call and asks the gate again.
 */
export type RunApprovalGate = (request: RunApprovalRequest) => Promise<GateDecision>;

/** The call a run stopped at, waiting for a decision. */
export interface PendingApproval {
  /** The store's approval id, when the gate recorded one. */
  approvalId?: string;
  agent: string;
  tool: string;
  /** Unique in the run (ApprovalRequest.callId as the gate saw it). */
  callId: string;
  arguments: string;
}

function messageText(message: ChatCompletionMessageParam): string {
  const content = message.content;
  let text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => ('text' in part ? part.text : `[${part.type}]`)).join(' ') : '';
  if (message.role === 'assistant' && message.tool_calls) {
    const calls = message.tool_calls.flatMap((call) => (call.type === 'function' ? [`${call.function.name} ${call.function.arguments}`] : []));
    text = [text, ...calls.map((call) => `→ ${call}`)].filter((part) => part !== '').join(' ');
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > approvalContextMessageMaxLength ? `${flat.slice(0, approvalContextMessageMaxLength - 1)}…` : flat;
}

/**
 * What the reviewer reads beside the call: the last few messages of the agent's conversation and the
 * reply that made the call, one line each (`role: text`), the newest kept when it runs long.
 */
export function approvalContext(messages: readonly ChatCompletionMessageParam[], reply: ChatCompletion | undefined): string {
  const replyMessage = reply?.choices[0]?.message;
  const recent: ChatCompletionMessageParam[] = [...messages.slice(-approvalContextMessages)];
  if (replyMessage) recent.push({ role: 'assistant', content: replyMessage.content ?? null, ...(replyMessage.tool_calls ? { tool_calls: replyMessage.tool_calls } : {}) });
  const lines = recent.map((message) => `${message.role}: ${messageText(message)}`);
  let text = lines.join('\n');
  while (text.length > approvalContextMaxLength && lines.length > 1) {
    lines.shift();
    text = lines.join('\n');
  }
  return text.length > approvalContextMaxLength ? text.slice(text.length - approvalContextMaxLength) : text;
}
