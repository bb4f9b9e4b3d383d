// Records the simulator's exact reply to a request (the JSON body, or each server-sent event),
// so the bare server of a comparison can send the same bytes without doing the work.
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import { expectedToolName } from './realistic-request.js';

export interface RecordedReply {
  contentType: string;
  /** The body as written: one piece for JSON, one piece per server-sent event when streaming. */
  pieces: string[];
}

export async function recordReply(baseURL: string, request: ChatCompletionCreateParams): Promise<RecordedReply> {
  const response = await fetch(`${baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`the simulator answered ${response.status} to the benchmark request: ${text}`);
  // The comparison is only fair if both sides return what an agent would get: a tool call.
  if (!text.includes(`"name":"${expectedToolName}"`)) {
    throw new Error(`the simulator no longer answers the benchmark request with a ${expectedToolName} call: ${text.slice(0, 500)}`);
  }
  const contentType = response.headers.get('content-type') ?? 'application/json';
  const pieces = request.stream ? text.split(/(?<=\n\n)/) : [text];
  return { contentType, pieces };
}

export function replySize(reply: RecordedReply): number {
  return reply.pieces.reduce((total, piece) => total + Buffer.byteLength(piece), 0);
}
