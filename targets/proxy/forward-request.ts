// Sends a request on to the model endpoint with undici: one Pool of kept-alive connections per
// endpoint origin, http or https. The proxy's share of a model call's time is mostly this hop, so it
// goes through undici's `dispatch()` with a handler of the proxy's own rather than `request()`:
// the answer's head resolves `response`, and its body is gathered without a stream unless a relay
// asks for one (upstream-body.ts), which saves 15–30 µs a call.
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { Pool, ProxyAgent } from '../../models/transport/undici-dispatchers.js';
import { proxyFor, ProxyFailedError, readProxySettings, type ProxyChoice, type ProxySettings } from '../../models/index.js';
import { upstreamKeepAliveTimeoutMs, upstreamResponseTimeoutMs } from './constants.js';
import { endpointUnreachable, ProxyError } from './proxy-error.js';
import { UpstreamBody, type BodyFlow } from './upstream-body.js';
import { upstreamUrl, type UpstreamEndpoint } from './upstream-endpoint.js';
import type { UpstreamResponse } from './upstream-response.js';

export interface ForwardedRequest {
  method: string;
  /** Below the endpoint's base URL, query included: `/chat/completions`. */
  path: string;
  /** A flat [name, value, …] list, as undici takes it. */
  headers: string[];
  body: string | Buffer | undefined;
}

export interface SentRequest {
  /** The endpoint's response head, or a ProxyError: unreachable, or the reason it was aborted. */
  response: Promise<UpstreamResponse>;
  /**
   * Aborts the call: before the endpoint answers, `response` rejects with `reason`; after, the
   * answer's body fails with it. Either way the connection to the endpoint is closed.
   */
  abort(reason: ProxyError): void;
}

/** Errors of a connection that closed before the endpoint answered: the endpoint hung up, or reset it. */
const closedConnectionCodes = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function noop(): void {}

/**
 * One origin's pooled connections, counted as they open: whether a request went out on one already
 * open. Through HTTPS_PROXY / HTTP_PROXY when they apply to the origin (models/transport's rules),
 * with a ProxyAgent whose pools are made and counted the same way.
 */
class OriginPool {
  readonly pool: Dispatcher;
  readonly proxy: ProxyChoice | undefined;
  /** Connections open now. */
  open = 0;
  /** Connections opened since the pool was made. */
  opened = 0;

  constructor(origin: string, proxySettings: ProxySettings) {
    const countedPool = (poolOrigin: string | URL, options: object = {}): Pool => {
      const pool = new Pool(poolOrigin, {
        ...options,
        keepAliveTimeout: upstreamKeepAliveTimeoutMs,
        // No time limits of the client's own, as with node:http: a model may think for many minutes
        // before it answers; the agent's client and the session's close decide how long to wait.
        headersTimeout: upstreamResponseTimeoutMs,
        bodyTimeout: upstreamResponseTimeoutMs,
      });
      pool.on('connect', () => {
        this.open += 1;
        this.opened += 1;
      });
      pool.on('disconnect', () => {
        this.open -= 1;
      });
      return pool;
    };
    this.proxy = proxyFor(proxySettings, new URL(origin));
    this.pool = this.proxy ? new ProxyAgent({ uri: this.proxy.url, proxyTunnel: false, factory: countedPool }) : countedPool(origin);
  }
}

/** One call to the endpoint, and undici's handler of it. */
class UpstreamCall implements SentRequest, Dispatcher.DispatchHandler, BodyFlow {
  readonly response: Promise<UpstreamResponse>;
  readonly #origin: OriginPool;
  readonly #options: Dispatcher.DispatchOptions;
  readonly #endpoint: UpstreamEndpoint;
  readonly #path: string;
  #controller: Dispatcher.DispatchController | undefined;
  #body: UpstreamBody | undefined;
  #abortedBy: Error | undefined;
  /** The connections open, and opened so far, when the request was sent: see onResponseError. */
  #openAtSend = 0;
  #openedAtSend = 0;
  #isRetry = false;
  #resolve!: (response: UpstreamResponse) => void;
  #reject!: (error: Error) => void;

  constructor(origin: OriginPool, endpoint: UpstreamEndpoint, forwarded: ForwardedRequest) {
    this.#origin = origin;
    this.#endpoint = endpoint;
    this.#path = forwarded.path;
    this.#options = { origin: endpoint.origin, method: forwarded.method as Dispatcher.HttpMethod, path: `${endpoint.basePath}${forwarded.path}`, headers: forwarded.headers, body: forwarded.body };
    this.response = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Settled before anyone awaits it when the first send fails at once.
    this.response.catch(noop);
    this.#send();
  }

  /** A ProxyError from the exchange, or the error a relay destroyed the body's stream with. */
  abort(reason: Error): void {
    if (this.#abortedBy) return;
    this.#abortedBy = reason;
    if (this.#controller) this.#controller.abort(reason);
    // Not sent yet (waiting for a connection): it is stopped as soon as it is.
    if (!this.#body) this.#reject(reason);
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
    this.#body = new UpstreamBody(this);
    this.#resolve({ statusCode, statusText: statusMessage ?? '', headers, body: this.#body });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#body!.receive(chunk);
  }

  onResponseEnd(): void {
    this.#body!.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#body) this.#body.fail(error);
    else if (error instanceof ProxyError) this.#reject(error);
    // A kept-alive connection the endpoint closed while idle fails when it is used again: undici
    // sends again by itself only requests it had not started writing, so a POST is sent once
    // more, on a fresh connection, as node:http's documentation recommends. The request went out
    // on a connection already open when one was and none has opened since.
    else if (!this.#isRetry && this.#openAtSend > 0 && this.#origin.opened === this.#openedAtSend && closedConnectionCodes.has((error as NodeJS.ErrnoException).code ?? '')) {
      this.#isRetry = true;
      this.#send();
    } else {
      const url = upstreamUrl(this.#endpoint, this.#path);
      const { proxy } = this.#origin;
      this.#reject(endpointUnreachable(url, proxy ? new ProxyFailedError(url, proxy.shown, proxy.variable, error) : error));
    }
  }

  #send(): void {
    this.#openAtSend = this.#origin.open;
    this.#openedAtSend = this.#origin.opened;
    this.#controller = undefined;
    this.#origin.pool.dispatch(this.#options, this);
  }
}

export class Upstream {
  readonly #origins = new Map<string, OriginPool>();
  readonly #proxySettings: ProxySettings;

  /** `env`: where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read; `process.env` by default. */
  constructor(env: Readonly<Record<string, string | undefined>> = process.env) {
    this.#proxySettings = readProxySettings(env);
  }

  send(endpoint: UpstreamEndpoint, forwarded: ForwardedRequest): SentRequest {
    let origin = this.#origins.get(endpoint.origin);
    if (!origin) {
      origin = new OriginPool(endpoint.origin, this.#proxySettings);
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
