// Responses relayed whole (non-streamed completions, embeddings, models, every error): read
// completely from the endpoint (UpstreamBody.whole), sent on byte for byte with the endpoint's status and headers, and
// read once more, decoded, for the record.
import type { ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { relayedHeaders } from './relay-headers.js';
import type { UpstreamResponse } from './upstream-response.js';

export function sendWhole(response: ServerResponse, upstream: UpstreamResponse, body: Buffer): void {
  response.writeHead(upstream.statusCode, upstream.statusText || undefined, relayedHeaders(upstream.headers, { contentLength: body.length }));
  response.end(body);
}

/**
 * The body as text, undoing a Content-Encoding (lower case, see contentEncoding) the endpoint used
 * although the proxy did not ask for one.
 */
export function decodedText(body: Buffer, encoding: string | undefined): string {
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(body).toString('utf8');
    if (encoding === 'deflate') return inflateSync(body).toString('utf8');
    if (encoding === 'br') return brotliDecompressSync(body).toString('utf8');
  } catch {
    return '';
  }
  return body.toString('utf8');
}

/** What an endpoint's error answer says: OpenAI's `error.message`, or the start of the body. */
export function errorMessageOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: the text itself says it.
  }
  const trimmed = text.trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed || 'no message';
}
