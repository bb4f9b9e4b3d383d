// Which headers cross the proxy. Towards the model: the agent's own (its SDK's user agent, beta
// flags, idempotency keys) but never its key, and no compression, so the proxy can read what it
// records. Back to the agent: the endpoint's own (request ids, rate-limit headers, Retry-After)
// without those that describe the proxy's connection rather than the answer.
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { UpstreamEndpoint } from './upstream-endpoint.js';

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

export function forwardedHeaders(incoming: IncomingMessage, endpoint: UpstreamEndpoint, bodyLength: number | undefined): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  const raw = incoming.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index]!.toLowerCase();
    if (!notForwarded.has(name)) headers[name] = raw[index + 1]!;
  }
  Object.assign(headers, endpoint.headers);
  if (bodyLength !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = bodyLength;
  }
  return headers;
}

/**
 * The endpoint's response headers as a flat [name, value, …] list for writeHead, less those of the
 * connection; `content-length` is added when the body is relayed whole, and `content-encoding` left
 * out when the proxy relays the body decoded.
 */
export function relayedHeaders(upstream: IncomingMessage, options: { contentLength?: number; dropContentEncoding?: boolean } = {}): string[] {
  const headers: string[] = [];
  const raw = upstream.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index]!.toLowerCase();
    if (notRelayed.has(name) || (options.dropContentEncoding && name === 'content-encoding')) continue;
    headers.push(raw[index]!, raw[index + 1]!);
  }
  if (options.contentLength !== undefined) headers.push('content-length', String(options.contentLength));
  return headers;
}
