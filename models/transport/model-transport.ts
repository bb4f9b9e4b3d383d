// The `fetch` our openai clients use, on undici's low-level API: one kept-alive connection pool per
// endpoint, requests sent with `dispatch()` and answers turned into Responses without WHATWG streams
// unless they are server-sent events, which Node's fetch (undici's own fetch) spends about 0.4 ms of
// CPU and tens of kilobytes of garbage per call on. It honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY
// (proxy-settings.ts) through undici's ProxyAgent, and does what the client needs of fetch besides:
// gzip, deflate and br bodies, redirects as fetch follows them, abort signals, TLS verification, one
// retry of a kept-alive connection the server had closed. Bodies it cannot send itself (streams,
// forms) go to undici's fetch on the same pools and proxies.
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher, FormData as UndiciFormData, fetch as UndiciFetch } from 'undici';
import { ProxyFailedError } from './errors.js';
import { bufferedResponse } from './buffered-response.js';
import { GatheredBody, StreamedBody } from './response-body.js';
import { countingPoolFactory, type ConnectionCount } from './connection-count.js';
import { proxyFor, readProxySettings, withoutCredentials, type ProxyChoice } from './proxy-settings.js';
import { Agent, ProxyAgent } from './undici-dispatchers.js';
import { TransportCall, type BodyMode, type OutgoingRequest } from './transport-call.js';

type Fetch = typeof globalThis.fetch;

const maxRedirects = 20;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Statuses whose responses have no body (the Response constructor refuses one). */
const nullBodyStatuses = new Set([101, 204, 205, 304]);

export interface ModelTransportOptions {
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read (either case); `process.env` by default. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Connections kept per endpoint; default: no limit, as Node's fetch. */
  connectionsPerOrigin?: number;
}

export interface ModelTransport {
  fetch: Fetch;
  /** The proxy a URL is reached through (its URL without credentials), or undefined when direct. */
  proxyFor(url: string | URL): string | undefined;
  /** Reaches an origin (`http://127.0.0.1:4010`) directly whatever the proxy variables say: the embedded simulator. */
  connectDirectly(origin: string): void;
  /** Closes every pooled connection; calls after this fail. */
  close(): Promise<void>;
}

/** A dispatcher and what the transport must know of it. */
interface Route {
  dispatcher: Dispatcher;
  connections: ConnectionCount;
  proxy: ProxyChoice | undefined;
}

function sendableBody(body: RequestInit['body']): string | Uint8Array | undefined | null {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return null;
}

/**
 * A body for undici's fetch. Its FormData is its own class, and it sends Node's global one (what the
 * openai client builds for file uploads) as the text "[object FormData]": the entries are copied over.
 */
function undiciBody(body: RequestInit['body'], FormDataClass: typeof UndiciFormData): RequestInit['body'] | UndiciFormData {
  if (!(body instanceof FormData)) return body;
  const copy = new FormDataClass();
  for (const [name, value] of body) {
    if (typeof value === 'string') copy.append(name, value);
    else copy.append(name, value, value.name);
  }
  return copy;
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  // The openai client passes a Headers already; copying it into another would validate it twice.
  if (headers) for (const [name, value] of headers instanceof Headers ? headers : new Headers(headers)) record[name] = value;
  // As fetch does; the body is decoded (response-body.ts).
  record['accept-encoding'] ??= 'gzip, deflate, br';
  return record;
}

function responseHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const name in incoming) {
    const value = incoming[name];
    if (typeof value === 'string') headers.append(name, value);
    else if (value) for (const each of value) headers.append(name, each);
  }
  return headers;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

/** Where a redirect leads and how, as fetch's "follow" mode does it. */
function redirected(request: OutgoingRequest, status: number, location: string): OutgoingRequest {
  const url = new URL(location, request.url);
  const becomesGet = status === 303 ? request.method !== 'HEAD' : (status === 301 || status === 302) && request.method === 'POST';
  if (!becomesGet) return { ...request, url };
  const { 'content-type': _type, 'content-length': _length, ...headers } = request.headers;
  return { ...request, url, method: 'GET', headers, body: undefined };
}

function location(headers: IncomingHttpHeaders): string | undefined {
  return headers.location;
}

export function createModelTransport(options: ModelTransportOptions = {}): ModelTransport {
  const settings = readProxySettings(options.env ?? process.env);
  const poolOptions = options.connectionsPerOrigin ? { connections: options.connectionsPerOrigin } : {};
  const direct = newRoute(undefined);
  const proxied = new Map<string, Route>();
  const directOrigins = new Set<string>();

  function newRoute(proxy: ProxyChoice | undefined): Route {
    const connections: ConnectionCount = { open: 0, opened: 0 };
    const factory = countingPoolFactory(connections);
    // An http endpoint goes to an http proxy as an absolute-URI request, as curl sends it (many
    // proxies allow CONNECT only to port 443); https goes through a CONNECT tunnel.
    const dispatcher = proxy ? new ProxyAgent({ uri: proxy.url, proxyTunnel: false, factory, ...poolOptions }) : new Agent({ factory, ...poolOptions });
    return { dispatcher, connections, proxy };
  }

  function proxyOf(url: URL): ProxyChoice | undefined {
    return directOrigins.has(url.origin) ? undefined : proxyFor(settings, url);
  }

  function routeFor(url: URL): Route {
    const proxy = proxyOf(url);
    if (!proxy) return direct;
    let route = proxied.get(proxy.url);
    if (!route) {
      route = newRoute(proxy);
      proxied.set(proxy.url, route);
    }
    return route;
  }

  /** A failure before the endpoint answered: through a proxy, named with it. */
  function failure(error: unknown, route: Route, url: URL, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted) return abortError(signal);
    if (!route.proxy) return error;
    return new ProxyFailedError(withoutCredentials(url), route.proxy.shown, route.proxy.variable, error);
  }

  async function transportFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    // A Request (never the openai client's own calls) is taken apart: undici's fetch knows only its own class.
    if (input instanceof Request) return transportFetch(input.url, { method: input.method, headers: input.headers, body: input.body, signal: input.signal, redirect: input.redirect, duplex: 'half', ...init } as RequestInit);
    const body = sendableBody(init.body);
    if (body === null) {
      const url = new URL(input);
      const route = routeFor(url);
      try {
        const { fetch: undiciFetch, FormData: FormDataClass } = await import('./undici-fetch.js');
        const options = { ...init, body: undiciBody(init.body, FormDataClass), dispatcher: route.dispatcher } as Parameters<typeof UndiciFetch>[1];
        return (await undiciFetch(input as Parameters<typeof UndiciFetch>[0], options)) as unknown as Response;
      } catch (error) {
        throw failure(error, route, url, init.signal ?? undefined);
      }
    }
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw abortError(signal);
    const redirect = init.redirect ?? 'follow';
    let request: OutgoingRequest = { url: new URL(input), method: (init.method ?? 'GET').toUpperCase(), headers: headerRecord(init.headers), body };
    for (let redirects = 0; ; redirects += 1) {
      const method = request.method;
      const bodyMode = (status: number, headers: IncomingHttpHeaders): BodyMode => {
        if (nullBodyStatuses.has(status) || method === 'HEAD') return 'discard';
        if (redirectStatuses.has(status) && headers.location && redirect !== 'manual') return 'discard';
        // Server-sent events are read as they arrive.
        return headers['content-type']?.includes('text/event-stream') ? 'stream' : 'gather';
      };
      const route = routeFor(request.url);
      const call = new TransportCall(route.dispatcher, route.connections, request, bodyMode);
      const onAbort = (): void => call.abort(abortError(signal!));
      signal?.addEventListener('abort', onAbort, { once: true });
      let head;
      try {
        head = await call.head;
      } catch (error) {
        signal?.removeEventListener('abort', onAbort);
        throw failure(error, route, request.url, signal);
      }
      const { status, headers } = head;
      const target = location(headers);
      if (redirectStatuses.has(status) && target && redirect !== 'manual') {
        signal?.removeEventListener('abort', onAbort);
        if (redirect === 'error') throw new TypeError(`fetch failed: redirected to ${target}`);
        if (redirects >= maxRedirects) throw new TypeError(`fetch failed: more than ${maxRedirects} redirects`);
        request = redirected(request, status, target);
        continue;
      }
      const responseInit = { status, statusText: head.statusText, headers: responseHeaders(headers) };
      let response: Response;
      if (head.body instanceof StreamedBody) {
        // The signal stays attached while the stream is read: aborting ends it.
        response = new Response(head.body.stream, responseInit);
      } else if (head.body instanceof GatheredBody) {
        try {
          // Its URL is its own (see buffered-response.ts); the others get theirs below.
          return bufferedResponse(await head.body.whole, responseInit, request.url.href);
        } catch (error) {
          throw signal?.aborted ? abortError(signal) : error;
        } finally {
          signal?.removeEventListener('abort', onAbort);
        }
      } else {
        signal?.removeEventListener('abort', onAbort);
        response = new Response(null, responseInit);
      }
      Object.defineProperty(response, 'url', { value: request.url.href });
      return response;
    }
  }

  return {
    fetch: transportFetch as Fetch,
    proxyFor: (url) => proxyOf(new URL(url))?.shown,
    connectDirectly: (origin) => {
      directOrigins.add(new URL(origin).origin);
    },
    close: async () => {
      const routes = [direct, ...proxied.values()];
      proxied.clear();
      await Promise.all(routes.map((route) => route.dispatcher.close()));
    },
  };
}
