// Which headers cross the proxy. Towards the model: the agent's own (its SDK's user agent, beta
// flags, idempotency keys) but never its key, and no compression, so the proxy can read what it
// records. Back to the agent: the endpoint's own (request ids, rate-limit headers, Retry-After)
// without those that describe the proxy's connection rather than the answer.
import type { IncomingMessage } from 'node:http';
import type { UpstreamEndpoint } from './upstream-endpoint.js';
import type { UpstreamHeaders } from './upstream-response.js';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and those the proxy sets itself. */
const notForwarded = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
  // The proxy has read the whole body before it forwards it: there is nothing left to wait for.
  'expect',
  'accept-encoding',
  'authorization',
  'openai-organization',
  'openai-project',
]);

const notRelayed = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'trailer', 'upgrade', 'content-length']);

/**
 * The agent's headers as sent on, as a flat [name, value, …] list (undici's cheapest form), with the
 * endpoint's credentials; undici adds Host and Content-Length. A header the agent repeated is sent
 * repeated.
 */
export function forwardedHeaders(incoming: IncomingMessage, endpoint: UpstreamEndpoint, hasBody: boolean): string[] {
  const headers: string[] = [];
  const raw = incoming.rawHeaders;
  let hasContentType = false;
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index]!.toLowerCase();
    if (notForwarded.has(name)) continue;
    if (name === 'content-type') hasContentType = true;
    headers.push(name, raw[index + 1]!);
  }
  headers.push(...endpoint.headerList);
  if (hasBody && !hasContentType) headers.push('content-type', 'application/json');
  return headers;
}

/**
 * The endpoint's response headers as a flat [name, value, …] list for writeHead, less those of the
 * connection; `content-length` is added when the body is relayed whole, and `content-encoding` left
 * out when the proxy relays the body decoded.
 */
export function relayedHeaders(upstream: UpstreamHeaders, options: { contentLength?: number; dropContentEncoding?: boolean } = {}): string[] {
  const headers: string[] = [];
  for (const name in upstream) {
    const value = upstream[name];
    if (value === undefined || notRelayed.has(name) || (options.dropContentEncoding && name === 'content-encoding')) continue;
    if (typeof value === 'string') headers.push(name, value);
    else for (const each of value) headers.push(name, each);
  }
  if (options.contentLength !== undefined) headers.push('content-length', String(options.contentLength));
  return headers;
}
