// The model endpoint's answer as the proxy's relays read it: the status, the headers and the body.
// Kept to what the relays use, so that nothing else in the proxy depends on the HTTP client.
import type { UpstreamBody } from './upstream-body.js';

/** Header names in lower case; a header the endpoint sent more than once is an array of its values. */
export type UpstreamHeaders = Record<string, string | string[] | undefined>;

export interface UpstreamResponse {
  statusCode: number;
  /** The reason phrase of the status line, '' when the endpoint sent none. */
  statusText: string;
  headers: UpstreamHeaders;
  /** Read whole, or as a stream; either fails when the answer is cut off or aborted. */
  body: UpstreamBody;
}

/** One header's value, a repeated header's values joined with commas (RFC 9110 §5.3). */
export function headerValue(headers: UpstreamHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The Content-Encoding the body arrives in, lower case, or undefined when it arrives as is. */
export function contentEncoding(headers: UpstreamHeaders): string | undefined {
  return headerValue(headers, 'content-encoding')?.trim().toLowerCase() || undefined;
}
