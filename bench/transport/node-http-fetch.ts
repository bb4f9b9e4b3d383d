// The transport agentlab used before issue 19, kept as the reference the `transport` benchmark
// measures models/transport/ against: node:http(s) with keep-alive agents, written for speed over
// Node's fetch. It ignores HTTPS_PROXY like Node's fetch; models/transport/ replaced it.
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

type Fetch = typeof globalThis.fetch;

const maxRedirects = 20;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Statuses whose responses have no body (the Response constructor refuses one). */
const nullBodyStatuses = new Set([101, 204, 205, 304]);

export interface NodeHttpFetchOptions {
  /** Sockets kept open per host; default: no limit, as the built-in fetch. */
  maxSockets?: number;
}

interface OutgoingRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  signal: AbortSignal | undefined;
}

function sendableBody(body: RequestInit['body']): string | Uint8Array | undefined | null {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return null;
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  // The openai client passes a Headers already; copying it into another would validate it twice.
  if (headers) for (const [name, value] of headers instanceof Headers ? headers : new Headers(headers)) record[name] = value;
  // As the built-in fetch does; the response is decoded below.
  record['accept-encoding'] ??= 'gzip, deflate, br';
  return record;
}

function responseHeaders(message: http.IncomingMessage): Headers {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) headers.append(raw[index]!, raw[index + 1]!);
  return headers;
}

/** The body as sent, decoded from gzip, deflate or br. */
function decodedBody(message: http.IncomingMessage): Readable {
  const encoding = message.headers['content-encoding']?.trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return message.pipe(zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH }));
  if (encoding === 'deflate') return message.pipe(zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH }));
  if (encoding === 'br') return message.pipe(zlib.createBrotliDecompress());
  return message;
}

/**
 * A Response for a body already read whole. Made with the body, a Response wraps it in a WHATWG
 * stream that costs more than the rest of reading the reply; the client only ever reads such a body
 * whole, so `text()`, `json()` and the others read the buffer, and the stream is made only if
 * someone asks for `body`.
 */
function bufferedResponse(bytes: Buffer, init: ResponseInit): Response {
  const response = new Response(null, init);
  let streamed: Response | undefined;
  let used = false;
  const take = (): Buffer => {
    if (used || streamed?.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    used = true;
    return bytes;
  };
  Object.defineProperties(response, {
    body: { get: () => (streamed ??= new Response(bytes, init)).body },
    bodyUsed: { get: () => used || (streamed?.bodyUsed ?? false) },
    text: { value: async () => take().toString('utf8') },
    json: { value: async () => JSON.parse(take().toString('utf8')) as unknown },
    arrayBuffer: { value: async () => new Uint8Array(take()).buffer },
    bytes: { value: async () => new Uint8Array(take()) },
    blob: { value: async () => new Blob([take()], { type: response.headers.get('content-type') ?? '' }) },
    clone: {
      value: () => {
        if (used || streamed?.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
        return bufferedResponse(bytes, init);
      },
    },
  });
  return response;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
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

export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): Fetch {
  const agentOptions = { keepAlive: true, scheduling: 'lifo' as const, ...(options.maxSockets ? { maxSockets: options.maxSockets } : {}) };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  function send(request: OutgoingRequest, isRetry: boolean): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const { url } = request;
      const transport = url.protocol === 'https:' ? https : http;
      const outgoing = transport.request(url, { method: request.method, headers: request.headers, agent: agents[url.protocol as 'http:' | 'https:'], ...(request.signal ? { signal: request.signal } : {}) }, resolve);
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed while idle fails on reuse; Node's documentation
        // recommends sending again, once, on a fresh socket.
        if (!isRetry && outgoing.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE') && !request.signal?.aborted) {
          send(request, true).then(resolve, reject);
          return;
        }
        reject(request.signal?.aborted ? abortError(request.signal) : error);
      });
      outgoing.end(request.body);
    });
  }

  async function nodeHttpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const body = sendableBody(init.body);
    if (input instanceof Request || body === null) return globalThis.fetch(input, init);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw abortError(signal);
    let request: OutgoingRequest = { url: new URL(input), method: (init.method ?? 'GET').toUpperCase(), headers: headerRecord(init.headers), body, signal };
    for (let redirects = 0; ; redirects += 1) {
      const message = await send(request, false);
      const status = message.statusCode ?? 0;
      const location = message.headers.location;
      if (redirectStatuses.has(status) && location && init.redirect !== 'manual') {
        message.resume();
        if (init.redirect === 'error') throw new TypeError(`fetch failed: redirected to ${location}`);
        if (redirects >= maxRedirects) throw new TypeError(`fetch failed: more than ${maxRedirects} redirects`);
        request = redirected(request, status, location);
        continue;
      }
      const headers = responseHeaders(message);
      const responseInit = { status, statusText: message.statusMessage ?? '', headers };
      let response: Response;
      if (nullBodyStatuses.has(status) || request.method === 'HEAD') {
        message.resume();
        response = new Response(null, responseInit);
      } else if (headers.get('content-type')?.includes('text/event-stream')) {
        // Server-sent events are read as they arrive.
        response = new Response(Readable.toWeb(decodedBody(message)) as ReadableStream<Uint8Array>, responseInit);
      } else {
        try {
          response = bufferedResponse(await readAll(decodedBody(message)), responseInit);
        } catch (error) {
          throw signal?.aborted ? abortError(signal) : error;
        }
      }
      Object.defineProperty(response, 'url', { value: request.url.href });
      return response;
    }
  }
  return nodeHttpFetch as Fetch;
}
