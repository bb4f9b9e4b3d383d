// A streamed chat completion relayed event by event as it arrives, each chunk also gathered for the
// record. The final usage-only chunk, which the proxy asks for on every stream so that tokens are
// always recorded, is held back when the agent did not ask for it: its client would not expect it.
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, constants as zlibConstants } from 'node:zlib';
import { StreamedCompletion, type CompletionFields, type CompletionSummary } from './completion-summary.js';
import { relayedHeaders } from './relay-headers.js';
import { contentEncoding, type UpstreamResponse } from './upstream-response.js';

export interface StreamFailure {
  message: string;
  /** `error.type` of the chat span. */
  errorType: string;
  /** True when the endpoint is to blame (an endpoint error to report), false when the agent or the session ended it. */
  byEndpoint: boolean;
}

export interface StreamOutcome {
  summary: CompletionSummary;
  failure?: StreamFailure;
}

const eventEnd = '\n\n';
const dataPrefix = 'data:';

function decoded(upstream: UpstreamResponse, body: Readable): { source: Readable; decoding: boolean } {
  const encoding = contentEncoding(upstream.headers);
  const flush = { flush: zlibConstants.Z_SYNC_FLUSH };
  if (encoding === 'gzip' || encoding === 'x-gzip') return { source: body.pipe(createGunzip(flush)), decoding: true };
  if (encoding === 'deflate') return { source: body.pipe(createInflate(flush)), decoding: true };
  if (encoding === 'br') return { source: body.pipe(createBrotliDecompress()), decoding: true };
  return { source: body, decoding: false };
}

/** The data of one event: its `data:` lines joined, or undefined when it has none (a comment, a retry hint). */
function eventData(event: string): string | undefined {
  if (event.startsWith('data: ') && !event.includes('\n')) return event.slice(6);
  let data: string | undefined;
  for (const line of event.split('\n')) {
    if (!line.startsWith(dataPrefix)) continue;
    const value = line.charCodeAt(dataPrefix.length) === 32 ? line.slice(dataPrefix.length + 1) : line.slice(dataPrefix.length);
    data = data === undefined ? value : `${data}\n${value}`;
  }
  return data;
}

export class EventStreamRelay {
  readonly done: Promise<StreamOutcome>;
  readonly #completion = new StreamedCompletion();
  readonly #body: Readable;
  readonly #source: Readable;
  readonly #response: ServerResponse;
  readonly #hideUsage: boolean;
  #pending = '';
  #endpointError: string | undefined;
  #settled = false;
  #resolve!: (outcome: StreamOutcome) => void;

  constructor(upstream: UpstreamResponse, response: ServerResponse, options: { hideUsage: boolean; url: string }) {
    this.done = new Promise((resolve) => (this.#resolve = resolve));
    const body = upstream.body.stream();
    const { source, decoding } = decoded(upstream, body);
    this.#body = body;
    this.#source = source;
    this.#response = response;
    this.#hideUsage = options.hideUsage;
    response.writeHead(upstream.statusCode, upstream.statusText || undefined, relayedHeaders(upstream.headers, { dropContentEncoding: decoding }));
    source.setEncoding('utf8');
    source.on('data', (text: string) => this.#receive(text));
    source.once('end', () => this.#end());
    const cutOff = () => this.#fail({ message: `the model endpoint at ${options.url} cut the stream off before it ended`, errorType: 'stream_cut_off', byEndpoint: true });
    source.once('error', cutOff);
    // A body piped into a decoder passes its end on but not its error: the body is destroyed with
    // one when the endpoint closes the connection mid-answer.
    if (source !== body) body.once('error', cutOff);
  }

  /** Stops relaying (the agent hung up, or the session closed): the endpoint's stream and the agent's connection are both closed. */
  abort(failure: StreamFailure): void {
    this.#fail(failure);
  }

  #receive(text: string): void {
    let pending = this.#pending + text;
    if (pending.includes('\r')) {
      // Events may end in CRLF or CR; a CR at the very end may be the first half of a CRLF.
      const heldBack = pending.endsWith('\r') ? '\r' : '';
      pending = pending.slice(0, pending.length - heldBack.length).replace(/\r\n?/g, '\n') + heldBack;
    }
    let relayed = '';
    let start = 0;
    for (let end = pending.indexOf(eventEnd); end !== -1; end = pending.indexOf(eventEnd, start)) {
      const event = pending.slice(start, end);
      start = end + eventEnd.length;
      if (this.#keep(event)) relayed += event + eventEnd;
    }
    this.#pending = start === 0 ? pending : pending.slice(start);
    if (relayed !== '' && !this.#response.write(relayed)) {
      this.#source.pause();
      this.#response.once('drain', () => this.#source.resume());
    }
  }

  /** Gathers the event's chunk; false for the usage chunk the agent did not ask for. */
  #keep(event: string): boolean {
    const data = eventData(event);
    if (data === undefined || data === '[DONE]') return true;
    let chunk: CompletionFields & { error?: { message?: unknown } };
    try {
      chunk = JSON.parse(data) as typeof chunk;
    } catch {
      return true;
    }
    if (chunk.error) {
      this.#endpointError = typeof chunk.error.message === 'string' ? chunk.error.message : JSON.stringify(chunk.error);
      return true;
    }
    const usageOnly = this.#completion.add(chunk);
    return !(usageOnly && this.#hideUsage);
  }

  #end(): void {
    if (this.#settled) return;
    if (this.#pending.trim() !== '' && this.#keep(this.#pending)) this.#response.write(this.#pending);
    this.#pending = '';
    this.#settled = true;
    this.#response.end();
    const summary = this.#completion.summary();
    const error = this.#endpointError;
    this.#resolve(error === undefined ? { summary } : { summary, failure: { message: `the model endpoint sent an error in the stream: ${error}`, errorType: 'stream_error', byEndpoint: true } });
  }

  #fail(failure: StreamFailure): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#body.destroy();
    if (this.#source !== this.#body) this.#source.destroy();
    this.#response.destroy();
    this.#resolve({ summary: this.#completion.summary(), failure });
  }
}
