// The openai client's fetch, with a cell's tape in between: inside an eval cell every call is
// replayed from the cell's cassette or sent on and recorded as it streams by; outside one, sent on
// untouched (recording), or refused (replaying with no endpoint). It wraps whatever fetch the
// client had, so it does not depend on the transport underneath.
import { RETRY_COUNT_HEADER } from '../sim/request-attempt.js';
import type { CellTape } from './cell-tape.js';
import { CassetteError } from './errors.js';
import { MISS_STATUS, missAnswerBody, missAnswerHeaders } from './miss-answer.js';
import { replayedFetchResponse } from './replay-stream.js';
import { failedResponse, ResponseCapture } from './response-capture.js';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface TapeSource {
  /** The tape of the cell whose work is running now, if any. */
  currentTape(): CellTape | undefined;
  /** Whether calls may go to an endpoint at all. */
  readonly needsEndpoint: boolean;
}

function urlOf(input: string | URL | Request): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

function bodyText(body: RequestInit['body'], url: string): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return Buffer.from(body instanceof ArrayBuffer ? new Uint8Array(body) : body).toString('utf8');
  throw new CassetteError('AGENTLAB_CASSETTE_UNSUPPORTED_REQUEST', `a request to ${url} has a body that cannot be recorded (a stream or a form)`);
}

/** Records the answer as the client reads it, without holding it back. */
async function recorded(fetch: Fetch, input: string | URL | Request, init: RequestInit | undefined, tape: CellTape, finish: (response: ReturnType<ResponseCapture['finish']>) => void): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch (error) {
    // Aborted while the cell runs on: the client's own timeout, which a replay reproduces at once.
    finish(failedResponse(init?.signal?.aborted ? (tape.stopped ? 'aborted' : 'timed_out') : 'unreachable', error));
    throw error;
  }
  const capture = new ResponseCapture(response.status, response.statusText, response.headers, { decodedAlready: true });
  if (!response.body) {
    finish(capture.finish('answered'));
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      let read: Awaited<ReturnType<typeof reader.read>>;
      try {
        read = await reader.read();
      } catch (error) {
        finish(capture.finish(init?.signal?.aborted ? 'aborted' : 'cut_off', error));
        controller.error(error);
        return;
      }
      if (read.done) {
        finish(capture.finish('answered'));
        controller.close();
        return;
      }
      capture.add(read.value);
      controller.enqueue(read.value);
    },
    // The client let the body go unread (an error it does not read): recorded as far as it was read.
    cancel: async (reason) => {
      finish(capture.finish('answered'));
      await reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** `fetch` for a client whose base URL is `baseURL`, taped when a cell is running. */
export function tapedFetch(source: TapeSource, baseURL: string, fetch: Fetch): Fetch {
  const base = baseURL.replace(/\/+$/, '');
  return async (input, init) => {
    const tape = source.currentTape();
    const url = urlOf(input);
    if (!tape) {
      if (source.needsEndpoint) return fetch(input, init);
      throw new CassetteError('AGENTLAB_CASSETTE_OUTSIDE_CELL', `a model call to ${url} was made outside any eval cell, so no cassette can answer it`);
    }
    const parsed = new URL(url);
    const path = url.startsWith(`${base}/`) ? url.slice(base.length) : `${parsed.pathname}${parsed.search}`;
    const headers = new Headers(init?.headers);
    const turn = tape.begin({ method: init?.method ?? 'GET', path, attempt: headers.get(RETRY_COUNT_HEADER), body: bodyText(init?.body, url) });
    if (turn.kind === 'replay') return replayedFetchResponse(turn.response, init?.signal);
    if (turn.kind === 'miss') return new Response(missAnswerBody(turn.message), { status: MISS_STATUS, headers: missAnswerHeaders });
    return recorded(fetch, input, init, tape, turn.finish);
  };
}
