// A recorded answer played back as web streams for the openai client's fetch: the body chunk by
// chunk (a stream event by event), broken off where it was cut off, and, for a call that got no
// answer before the client stopped waiting, no answer until the client's signal stops it again.
import { replayedChunks, replayedHeaders, type RecordedResponse } from './recorded-response.js';

const encoder = new TextEncoder();

function abortError(signal: AbortSignal | null | undefined): unknown {
  return signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Resolves never; rejects when `signal` aborts, as a request the endpoint never answered does. */
export function untilAborted<T>(signal: AbortSignal | null | undefined): Promise<T> {
  return new Promise<T>((_resolve, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(abortError(signal));
    else signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
  });
}

function replayedBody(response: RecordedResponse, signal: AbortSignal | null | undefined): ReadableStream<Uint8Array> {
  const chunks = replayedChunks(response);
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      if (index < chunks.length) {
        controller.enqueue(encoder.encode(chunks[index++]!));
        return;
      }
      if (response.outcome === 'answered') controller.close();
      else if (response.outcome === 'aborted') controller.error(await untilAborted(signal).catch((error: unknown) => error));
      else controller.error(new TypeError(`terminated: ${response.error ?? 'the endpoint cut the answer off'}`));
    },
  });
}

/** What the client's fetch returns (or throws) for a recorded exchange. */
export async function replayedFetchResponse(response: RecordedResponse, signal: AbortSignal | null | undefined): Promise<Response> {
  if (response.outcome === 'unreachable') {
    const cause = Object.assign(new Error(response.error ?? 'connection failed'), response.errorCode ? { code: response.errorCode } : {});
    throw new TypeError('fetch failed', { cause });
  }
  // The client's own timeout ended the call when it was recorded: it ends now, as that timeout does.
  if (response.outcome === 'timed_out') throw new DOMException('The operation timed out (replayed).', 'AbortError');
  if (response.status === undefined) return untilAborted(signal);
  const nullBody = response.status === 204 || response.status === 304;
  return new Response(nullBody ? null : replayedBody(response, signal), { status: response.status, ...(response.statusText ? { statusText: response.statusText } : {}), headers: replayedHeaders(response) });
}
