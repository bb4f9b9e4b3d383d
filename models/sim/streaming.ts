// Streaming: a turn as server-sent chat.completion.chunk events, with content and tool-call
// arguments split across many chunks, an optional final usage chunk, and [DONE].
import { systemFingerprint, type SimulatedTurn } from './simulate-turn.js';

/** Arguments are sent in pieces of this many characters, as real endpoints do. */
const argumentPieceLength = 12;

function splitWords(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

function splitFixed(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let index = 0; index < text.length; index += size) pieces.push(text.slice(index, index + size));
  return pieces;
}

export interface StreamChunk {
  body: Record<string, unknown>;
  /** Rough count of output tokens this chunk carries, for pacing. */
  tokens: number;
}

export function streamChunks(turn: SimulatedTurn, includeUsage: boolean): StreamChunk[] {
  const envelope = (choices: unknown[]) => ({
    id: turn.id,
    object: 'chat.completion.chunk',
    created: turn.created,
    model: turn.model,
    system_fingerprint: systemFingerprint,
    service_tier: 'default',
    choices,
    ...(includeUsage ? { usage: null } : {}),
  });
  const delta = (value: Record<string, unknown>, finishReason: string | null = null) =>
    envelope([{ index: 0, delta: value, logprobs: null, finish_reason: finishReason }]);

  const chunks: StreamChunk[] = [{ body: delta({ role: 'assistant', content: turn.toolCalls.length > 0 ? null : '', refusal: null }), tokens: 0 }];
  for (const piece of splitWords(turn.content ?? '')) chunks.push({ body: delta({ content: piece }), tokens: Math.max(1, Math.round(piece.length / 4)) });
  turn.toolCalls.forEach((call, index) => {
    chunks.push({ body: delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }), tokens: 1 });
    for (const piece of splitFixed(call.arguments, argumentPieceLength)) {
      chunks.push({ body: delta({ tool_calls: [{ index, function: { arguments: piece } }] }), tokens: Math.max(1, Math.round(piece.length / 4)) });
    }
  });
  chunks.push({ body: delta({}, turn.finishReason), tokens: 0 });
  if (includeUsage) chunks.push({ body: { ...envelope([]), usage: turn.usage }, tokens: 0 });
  return chunks;
}

export function serverSentEvent(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}
