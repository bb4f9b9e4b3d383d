// One HTTP exchange through undici's `dispatch()` with a handler of our own rather than
// `request()`: the head resolves `head`, and the body is gathered without any stream unless it is
// server-sent events (response-body.ts). `request()` makes a Node stream of every answer, which is
// most of what it costs beyond the exchange itself.
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { ConnectionCount } from './connection-count.js';
import { contentEncoding, DiscardedBody, GatheredBody, StreamedBody, type BodyFlow, type ResponseBody } from './response-body.js';

export interface OutgoingRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

/** How the answer's body is to be taken, decided from its head. */
export type BodyMode = 'gather' | 'stream' | 'discard';

export interface AnswerHead {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: ResponseBody;
}

/** Errors of a connection that closed before the endpoint answered: the endpoint hung up, or reset it. */
const closedConnectionCodes = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function noop(): void {}

export class TransportCall implements Dispatcher.DispatchHandler, BodyFlow {
  readonly head: Promise<AnswerHead>;
  readonly #dispatcher: Dispatcher;
  readonly #connections: ConnectionCount;
  readonly #options: Dispatcher.DispatchOptions;
  readonly #bodyMode: (status: number, headers: IncomingHttpHeaders) => BodyMode;
  #controller: Dispatcher.DispatchController | undefined;
  #body: ResponseBody | undefined;
  #abortedBy: Error | undefined;
  /** Connections open, and opened so far, when the request was sent: see onResponseError. */
  #openAtSend = 0;
  #openedAtSend = 0;
  #isRetry = false;
  #resolve!: (head: AnswerHead) => void;
  #reject!: (error: Error) => void;

  constructor(dispatcher: Dispatcher, connections: ConnectionCount, request: OutgoingRequest, bodyMode: (status: number, headers: IncomingHttpHeaders) => BodyMode) {
    this.#dispatcher = dispatcher;
    this.#connections = connections;
    this.#bodyMode = bodyMode;
    this.#options = {
      origin: request.url.origin,
      path: `${request.url.pathname}${request.url.search}`,
      method: request.method as Dispatcher.HttpMethod,
      headers: request.headers,
      body: request.body ?? null,
      // No time limits of undici's own, as with fetch's node:http predecessor: the client's
      // timeout and abort signal decide how long a call may take (a model may think for minutes).
      headersTimeout: 0,
      bodyTimeout: 0,
    };
    this.head = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.head.catch(noop);
    this.#send();
  }

  /** Stops the call: before the head, `head` rejects with `reason`; after, the body fails with it. */
  abort(reason: Error): void {
    if (this.#abortedBy) return;
    this.#abortedBy = reason;
    if (this.#controller) this.#controller.abort(reason);
    if (!this.#body) this.#reject(reason);
  }

  cancel(reason: Error): void {
    this.abort(reason);
  }

  pause(): void {
    this.#controller?.pause();
  }

  resume(): void {
    this.#controller?.resume();
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#abortedBy) controller.abort(this.#abortedBy);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    // 1xx informational answers come before the answer itself.
    if (statusCode < 200) return;
    const mode = this.#bodyMode(statusCode, headers);
    const encoding = contentEncoding(headers['content-encoding']);
    this.#body = mode === 'gather' ? new GatheredBody(encoding) : mode === 'stream' ? new StreamedBody(encoding, this) : new DiscardedBody();
    this.#resolve({ status: statusCode, statusText: statusMessage ?? '', headers, body: this.#body });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#body!.receive(chunk);
  }

  onResponseEnd(): void {
    this.#body!.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#body) {
      this.#body.fail(this.#abortedBy ?? error);
      return;
    }
    if (this.#abortedBy) {
      this.#reject(this.#abortedBy);
      return;
    }
    // A kept-alive connection the endpoint closed while idle fails when it is used again: undici
    // sends again by itself only requests it had not started writing, so a POST is sent once
    // more, on a fresh connection, as node:http's documentation recommends. The request went out
    // on a connection already open when one was and none has opened since.
    const connections = this.#connections;
    if (!this.#isRetry && this.#openAtSend > 0 && connections.opened === this.#openedAtSend && closedConnectionCodes.has((error as NodeJS.ErrnoException).code ?? '')) {
      this.#isRetry = true;
      this.#send();
      return;
    }
    this.#reject(error);
  }

  #send(): void {
    this.#openAtSend = this.#connections.open;
    this.#openedAtSend = this.#connections.opened;
    this.#controller = undefined;
    this.#dispatcher.dispatch(this.#options, this);
  }
}
