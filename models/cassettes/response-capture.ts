// Gathers an endpoint's answer as it passes, chunk by chunk, into a RecordedResponse: a JSON body
// parsed, an event stream split into events, headers kept to those that change what a client does.
// Used by both recording paths (the openai client's fetch and the model proxy's upstream).
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { KEPT_RESPONSE_HEADER_PREFIXES, KEPT_RESPONSE_HEADERS } from './constants.js';
import type { RecordedResponse, StreamEvent } from './recorded-response.js';

type HeaderSource = Iterable<[string, string]> | Record<string, string | string[] | undefined>;

function keptHeaders(source: HeaderSource): { headers: Record<string, string>; encoding: string | undefined } {
  const headers: Record<string, string> = {};
  let encoding: string | undefined;
  const entries: Iterable<[string, string | string[] | undefined]> = Symbol.iterator in source ? (source as Iterable<[string, string]>) : Object.entries(source);
  for (const [rawName, rawValue] of entries) {
    if (rawValue === undefined) continue;
    const name = rawName.toLowerCase();
    const value = Array.isArray(rawValue) ? rawValue.join(', ') : rawValue;
    if (name === 'content-encoding') encoding = value.trim().toLowerCase();
    if (KEPT_RESPONSE_HEADERS.includes(name) || KEPT_RESPONSE_HEADER_PREFIXES.some((prefix) => name.startsWith(prefix))) headers[name] = value;
  }
  return { headers, encoding };
}

function decoded(bytes: Buffer, encoding: string | undefined): string {
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(bytes).toString('utf8');
    if (encoding === 'deflate') return inflateSync(bytes).toString('utf8');
    if (encoding === 'br') return brotliDecompressSync(bytes).toString('utf8');
  } catch {
    // A compressed body cut off mid-way cannot be decoded whole: kept as far as it was.
    return '';
  }
  return bytes.toString('utf8');
}

function streamEvent(event: string): StreamEvent {
  const lines = event.split('\n');
  if (!lines.every((line) => line.startsWith('data:'))) return { raw: event };
  const data = lines.map((line) => line.slice(line.charCodeAt(5) === 32 ? 6 : 5)).join('\n');
  try {
    return { data: JSON.parse(data) as unknown };
  } catch {
    return { text: data };
  }
}

function streamEvents(text: string): { events: StreamEvent[]; rest?: string } {
  const normalised = text.replace(/\r\n?/g, '\n');
  const parts = normalised.split('\n\n');
  const rest = parts.pop() ?? '';
  const events = parts.filter((part) => part.trim() !== '').map(streamEvent);
  return rest.trim() === '' ? { events } : { events, rest };
}

export class ResponseCapture {
  readonly #status: number;
  readonly #statusText: string;
  readonly #headers: Record<string, string>;
  /** Set when the proxy relays a compressed body as it came: the capture decodes it. */
  readonly #encoding: string | undefined;
  readonly #chunks: Buffer[] = [];

  /** `decodedAlready`: the body arrives decoded (fetch decodes), whatever Content-Encoding says. */
  constructor(status: number, statusText: string, headers: HeaderSource, options: { decodedAlready: boolean }) {
    this.#status = status;
    this.#statusText = statusText;
    const kept = keptHeaders(headers);
    this.#headers = kept.headers;
    this.#encoding = options.decodedAlready ? undefined : kept.encoding;
  }

  add(chunk: Uint8Array): void {
    this.#chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }

  /** The response as far as it came: whole (`answered`), or broken off with the error that ended it. */
  finish(outcome: 'answered' | 'cut_off' | 'aborted', error?: unknown): RecordedResponse {
    const text = decoded(Buffer.concat(this.#chunks), this.#encoding);
    const contentType = this.#headers['content-type'] ?? '';
    const response: RecordedResponse = { outcome, status: this.#status, ...(this.#statusText ? { statusText: this.#statusText } : {}), headers: this.#headers };
    if (contentType.includes('text/event-stream')) Object.assign(response, streamEvents(text));
    else if (text !== '') {
      try {
        response.body = JSON.parse(text) as unknown;
      } catch {
        response.text = text;
      }
    }
    if (error !== undefined) response.error = error instanceof Error ? error.message : String(error);
    return response;
  }
}

/** A request that got no response at all: the connection failed (`unreachable`) or the client stopped waiting (`aborted`). */
export function failedResponse(outcome: 'unreachable' | 'timed_out' | 'aborted', error: unknown): RecordedResponse {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return {
    outcome,
    error: error instanceof Error ? error.message : String(error),
    // The cause's words, unless the message already carries them (the model proxy's errors do): a
    // replay answers with this text, which must be the one the agent was given when it was recorded.
    ...(cause !== error && cause instanceof Error && !(error as Error).message.includes(cause.message) ? { error: `${(error as Error).message}: ${cause.message}` } : {}),
    ...(typeof code === 'string' ? { errorCode: code } : {}),
  };
}
