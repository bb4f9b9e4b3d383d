// Sends a request on to the model endpoint with undici: one Pool of kept-alive connections per
// endpoint origin, http or https. The proxy's share of a model call's time is mostly this hop, and
// undici's client costs less per request than node:http's (its parser is llhttp in WebAssembly and
// it builds no IncomingMessage), so nothing else stands between the agent's bytes and the endpoint.
import { EventEmitter } from 'node:events';
import { Pool, type Dispatcher } from 'undici';
import { upstreamKeepAliveTimeoutMs, upstreamResponseTimeoutMs } from './constants.js';
import { endpointUnreachable, ProxyError } from './proxy-error.js';
import { upstreamUrl, type UpstreamEndpoint } from './upstream-endpoint.js';
import type { UpstreamResponse } from './upstream-response.js';

export interface ForwardedRequest {
  method: string;
  /** Below the endpoint's base URL, query included: `/chat/completions`. */
  path: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
}

export interface SentRequest {
  /** The endpoint's response head, or a ProxyError: unreachable, or the reason it was aborted. */
  response: Promise<UpstreamResponse>;
  /**
   * Aborts the call: before the endpoint answers, `response` rejects with `reason`; after, the
   * answer's body is destroyed with it. Either way the connection to the endpoint is closed.
   */
  abort(reason: ProxyError): void;
}

/** Errors of a connection that closed before the endpoint answered: the endpoint hung up, or reset it. */
const closedConnectionCodes = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function noop(): void {}

/**
 * What undici accepts as a request's signal besides an AbortSignal: an emitter of `abort` with
 * `aborted` and `reason`. Node 20's AbortController costs about 7 µs to make and listen to on the
 * development VM (its signal is made transferable), a few percent of what the proxy may add to a call.
 */
class AbortSwitch extends EventEmitter {
  aborted = false;
  reason: unknown;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

/** One origin's pooled connections, counted as they open: whether a request went out on one already open. */
class OriginPool {
  readonly pool: Pool;
  /** Connections open now. */
  open = 0;
  /** Connections opened since the pool was made. */
  opened = 0;

  constructor(origin: string) {
    this.pool = new Pool(origin, {
      keepAliveTimeout: upstreamKeepAliveTimeoutMs,
      // No time limits of the client's own, as with node:http: a model may think for many minutes
      // before it answers; the agent's client and the session's close decide how long to wait.
      headersTimeout: upstreamResponseTimeoutMs,
      bodyTimeout: upstreamResponseTimeoutMs,
    });
    this.pool.on('connect', () => {
      this.open += 1;
      this.opened += 1;
    });
    this.pool.on('disconnect', () => {
      this.open -= 1;
    });
  }
}

class UpstreamCall implements SentRequest {
  readonly response: Promise<UpstreamResponse>;
  readonly #origin: OriginPool;
  readonly #options: Dispatcher.RequestOptions;
  readonly #url: string;
  readonly #aborter = new AbortSwitch();
  #resolve!: (response: UpstreamResponse) => void;
  #reject!: (error: ProxyError) => void;

  constructor(origin: OriginPool, endpoint: UpstreamEndpoint, forwarded: ForwardedRequest) {
    this.#origin = origin;
    this.#url = upstreamUrl(endpoint, forwarded.path);
    this.#options = { method: forwarded.method, path: `${endpoint.basePath}${forwarded.path}`, headers: forwarded.headers, body: forwarded.body, signal: this.#aborter };
    this.response = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Settled before anyone awaits it when the first send fails at once.
    this.response.catch(noop);
    this.#send(false);
  }

  abort(reason: ProxyError): void {
    this.#aborter.abort(reason);
  }

  #send(isRetry: boolean): void {
    const { open, opened } = this.#origin;
    this.#origin.pool.request(this.#options, (error, data) => {
      if (!error) this.#resolve(data);
      else if (error instanceof ProxyError) this.#reject(error);
      // A kept-alive connection the endpoint closed while idle fails when it is used again: undici
      // sends again by itself only requests it had not started writing, so a POST is sent once
      // more, on a fresh connection, as node:http's documentation recommends. The request went out
      // on a connection already open when one was and none has opened since.
      else if (!isRetry && open > 0 && this.#origin.opened === opened && closedConnectionCodes.has((error as NodeJS.ErrnoException).code ?? '')) this.#send(true);
      else this.#reject(endpointUnreachable(this.#url, error));
    });
  }
}

export class Upstream {
  readonly #origins = new Map<string, OriginPool>();

  send(endpoint: UpstreamEndpoint, forwarded: ForwardedRequest): SentRequest {
    let origin = this.#origins.get(endpoint.origin);
    if (!origin) {
      origin = new OriginPool(endpoint.origin);
      this.#origins.set(endpoint.origin, origin);
    }
    return new UpstreamCall(origin, endpoint, forwarded);
  }

  async close(): Promise<void> {
    const origins = [...this.#origins.values()];
    this.#origins.clear();
    await Promise.all(origins.map((origin) => origin.pool.destroy()));
  }
}
