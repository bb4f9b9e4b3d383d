// Sends a request on to the model endpoint with undici: one Pool of kept-alive connections per
// endpoint origin, http or https. The proxy's share of a model call's time is mostly this hop, and
// undici's client costs less per request than node:http's (its parser is llhttp in WebAssembly and
// it builds no IncomingMessage), so nothing else stands between the agent's bytes and the endpoint.
import { EventEmitter } from 'node:events';
import { Pool } from 'undici';
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
 * `aborted` and `reason`. Node 20's AbortController costs tens of µs per call to make (its signal
 * is made transferable), which is most of what the proxy may add to a call.
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

export class Upstream {
  readonly #pools = new Map<string, Pool>();

  send(endpoint: UpstreamEndpoint, forwarded: ForwardedRequest): SentRequest {
    const pool = this.#pool(endpoint);
    const aborter = new AbortSwitch();
    const options = { method: forwarded.method, path: `${endpoint.basePath}${forwarded.path}`, headers: forwarded.headers, body: forwarded.body, signal: aborter };
    const response = new Promise<UpstreamResponse>((resolve, reject) => {
      const attempt = (isRetry: boolean): void => {
        // A connection idle in the pool is the one this request goes out on.
        const onIdleConnection = !isRetry && pool.stats.free > 0;
        pool.request(options, (error, data) => {
          if (!error) {
            resolve(data);
            return;
          }
          if (error instanceof ProxyError) {
            reject(error);
            return;
          }
          // A kept-alive connection the endpoint closed while idle fails when it is used again:
          // undici sends again by itself only requests it had not started writing, so a POST is
          // sent once more, on a fresh connection, as node:http's documentation recommends.
          if (onIdleConnection && closedConnectionCodes.has((error as NodeJS.ErrnoException).code ?? '')) {
            attempt(true);
            return;
          }
          reject(endpointUnreachable(upstreamUrl(endpoint, forwarded.path), error));
        });
      };
      attempt(false);
    });
    // Settled before anyone awaits it when the first send fails at once.
    response.catch(noop);
    return { response, abort: (reason) => aborter.abort(reason) };
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy()));
  }

  #pool(endpoint: UpstreamEndpoint): Pool {
    let pool = this.#pools.get(endpoint.origin);
    if (!pool) {
      pool = new Pool(endpoint.origin, {
        keepAliveTimeout: upstreamKeepAliveTimeoutMs,
        // No time limits of the client's own, as with node:http: a model may think for many
        // minutes before it answers; the agent's client and the session's close decide how long to wait.
        headersTimeout: upstreamResponseTimeoutMs,
        bodyTimeout: upstreamResponseTimeoutMs,
      });
      this.#pools.set(endpoint.origin, pool);
    }
    return pool;
  }
}
