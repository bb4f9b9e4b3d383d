// What an endpoint did with one request, as a cassette keeps it: the answer (status, the headers that
// matter, a JSON body, text, or a stream's events), or how it failed (cut off mid-answer, never
// answered before the client gave up, unreachable). Transient faults are recorded like any answer:
// a 429 that the agent then retried replays as a 429, then the retry's answer, so the agent takes
// the same path and the verdicts match.
import { z } from 'zod';

export const streamEventSchema = z.union([
  z.strictObject({ data: z.unknown() }),
  z.strictObject({ text: z.string() }),
  z.strictObject({ raw: z.string() }),
]);
export type StreamEvent = z.infer<typeof streamEventSchema>;

export const recordedResponseSchema = z.strictObject({
  /**
   * answered: the whole answer; cut_off: the body broke off; timed_out: no answer before the client's
   * own timeout; aborted: no (whole) answer before the cell or the agent stopped waiting; unreachable: no connection.
   */
  outcome: z.enum(['answered', 'cut_off', 'timed_out', 'aborted', 'unreachable']),
  status: z.number().int().min(100).max(599).optional(),
  statusText: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** A JSON body. */
  body: z.unknown().optional(),
  /** A body that is not JSON. */
  text: z.string().optional(),
  /** An event stream, event by event. */
  events: z.array(streamEventSchema).optional(),
  /** What followed the last whole event of a stream that broke off. */
  rest: z.string().optional(),
  /** Why it failed, and the error's code (ECONNREFUSED…) when there was one. */
  error: z.string().optional(),
  errorCode: z.string().optional(),
});
export type RecordedResponse = z.infer<typeof recordedResponseSchema>;

/** The answer's body as the text chunks it is replayed in: one per event for a stream, one for a whole body. */
export function replayedChunks(response: RecordedResponse): string[] {
  if (response.events) {
    const chunks = response.events.map((event) => {
      if ('raw' in event) return `${event.raw}\n\n`;
      const data = 'text' in event ? event.text : JSON.stringify(event.data);
      return `${data.split('\n').map((line) => `data: ${line}`).join('\n')}\n\n`;
    });
    if (response.rest) chunks.push(response.rest);
    return chunks;
  }
  if (response.body !== undefined) return [JSON.stringify(response.body)];
  if (response.text !== undefined && response.text !== '') return [response.text];
  return [];
}

/** The headers to replay with: those recorded, and the body's type. */
export function replayedHeaders(response: RecordedResponse): Record<string, string> {
  return { ...response.headers };
}
