// What a model call that never reached its endpoint says: the failure in words and the URL it tried,
// e.g. `connection refused: http://127.0.0.1:9/v1/chat/completions`. The openai client reports
// every such failure as "Connection error." and keeps the socket's error as its cause, so without
// this an eval against a dead endpoint cannot tell which endpoint, or why. A call through a forward
// proxy (HTTPS_PROXY) names the proxy too: `connection refused: https://… through the proxy http://…`.
import { ProxyFailedError } from '../../models/index.js';

/** Socket error codes in words; any other code is shown as it is. */
const failureWords: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not verifiable',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate for another host',
  // undici's own (the transport, models/transport).
  UND_ERR_SOCKET: 'connection closed by the endpoint before it answered',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_CLOSED: 'connection closed',
};

/** The first error code on the cause chain (an AggregateError from a host with several addresses has one too). */
function socketCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
  }
  return undefined;
}

/** The innermost message on the cause chain: the socket's own words, not the client's "Connection error.". */
function innermostMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  for (let current = (error as { cause?: unknown } | undefined)?.cause, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    if (current instanceof Error && current.message) message = current.message;
  }
  return message;
}

/** The proxy failure on the cause chain, when the call went through a proxy. */
function proxyFailure(error: unknown): ProxyFailedError | undefined {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    if (current instanceof ProxyFailedError) return current;
  }
  return undefined;
}

/** `connection refused: http://127.0.0.1:9/v1/chat/completions` for a call to `url` that failed with `error`. */
export function describeConnectionFailure(error: unknown, url: string): string {
  const proxied = proxyFailure(error);
  const failure = proxied ? proxied.cause : error;
  const code = socketCode(failure);
  // The proxy's own answers (a refused CONNECT, 407) carry undici's generic codes: their words say more.
  const words = code && (failureWords[code] || !proxied) ? (failureWords[code] ?? code) : innermostMessage(failure);
  return proxied ? `${words}: ${url} through the proxy ${proxied.proxy} (from ${proxied.variable})` : `${words}: ${url}`;
}
