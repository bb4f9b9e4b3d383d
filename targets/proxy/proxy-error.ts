// The proxy's error catalogue. Agents reach the proxy through OpenAI clients, so every error it
// answers itself has OpenAI's shape, `{"error": {"message", "type", "code"}}`, with a stable
// AGENTLAB_PROXY_* code; errors of the model endpoint are passed on as the endpoint sent them.
import type { ServerResponse } from 'node:http';

export type ProxyErrorCode =
  | 'AGENTLAB_PROXY_UNAUTHORIZED'
  | 'AGENTLAB_PROXY_UNKNOWN_ROUTE'
  | 'AGENTLAB_PROXY_INVALID_REQUEST'
  | 'AGENTLAB_PROXY_TOO_LARGE'
  | 'AGENTLAB_PROXY_ENDPOINT_UNREACHABLE'
  | 'AGENTLAB_PROXY_SESSION_CLOSED'
  | 'AGENTLAB_PROXY_AGENT_DISCONNECTED'
  | 'AGENTLAB_PROXY_INTERNAL';

/** OpenAI's `type` for each code: clients branch on the status, people read the type. */
const openAiTypes: Record<ProxyErrorCode, string> = {
  AGENTLAB_PROXY_UNAUTHORIZED: 'invalid_request_error',
  AGENTLAB_PROXY_UNKNOWN_ROUTE: 'invalid_request_error',
  AGENTLAB_PROXY_INVALID_REQUEST: 'invalid_request_error',
  AGENTLAB_PROXY_TOO_LARGE: 'invalid_request_error',
  AGENTLAB_PROXY_ENDPOINT_UNREACHABLE: 'api_error',
  AGENTLAB_PROXY_SESSION_CLOSED: 'api_error',
  AGENTLAB_PROXY_AGENT_DISCONNECTED: 'invalid_request_error',
  AGENTLAB_PROXY_INTERNAL: 'server_error',
};

export interface OpenAiErrorBody {
  error: { message: string; type: string; code: string };
}

export class ProxyError extends Error {
  readonly code: ProxyErrorCode;
  readonly statusCode: number;

  constructor(code: ProxyErrorCode, statusCode: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.statusCode = statusCode;
  }

  toBody(): OpenAiErrorBody {
    return { error: { message: this.message, type: openAiTypes[this.code], code: this.code } };
  }
}

export function unauthorized(): ProxyError {
  return new ProxyError('AGENTLAB_PROXY_UNAUTHORIZED', 401, 'Incorrect API key for this model proxy session, or the session is closed. Use the base URL and key the session was opened with.');
}

export function unknownRoute(method: string, path: string): ProxyError {
  return new ProxyError(
    'AGENTLAB_PROXY_UNKNOWN_ROUTE',
    404,
    `The model proxy does not serve ${method} ${path}; it serves POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models and GET /v1/models/{id} under a session's base URL, and POST /v1/traces.`,
  );
}

export function invalidRequest(message: string, cause?: unknown): ProxyError {
  return new ProxyError('AGENTLAB_PROXY_INVALID_REQUEST', 400, message, { cause });
}

export function requestTooLarge(limitBytes: number): ProxyError {
  return new ProxyError('AGENTLAB_PROXY_TOO_LARGE', 413, `The request body is larger than the ${limitBytes} bytes the model proxy accepts.`);
}

export function endpointUnreachable(url: string, cause: unknown): ProxyError {
  const message = cause instanceof Error ? cause.message : String(cause);
  // Connecting to a name with several addresses fails with an AggregateError whose message is empty.
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const detail = code && !message.includes(code) ? (message ? `${code} (${message})` : code) : message || 'unknown error';
  return new ProxyError('AGENTLAB_PROXY_ENDPOINT_UNREACHABLE', 502, `The model proxy could not reach the model endpoint at ${url}: ${detail}`, { cause });
}

export function sessionClosed(url: string): ProxyError {
  return new ProxyError('AGENTLAB_PROXY_SESSION_CLOSED', 502, `The model proxy session closed before the model endpoint at ${url} answered.`);
}

/** Never sent (there is no one to send it to): recorded as the call's error. 499 is the status proxies log for it. */
export function agentDisconnected(): ProxyError {
  return new ProxyError('AGENTLAB_PROXY_AGENT_DISCONNECTED', 499, 'The agent closed the connection before the answer was complete.');
}

export function internalFailure(cause: unknown): ProxyError {
  return new ProxyError('AGENTLAB_PROXY_INTERNAL', 500, `The model proxy failed on this request: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
}

/** Answers with `error`, unless an answer has already begun: then the connection is cut, as a failing server's is. */
export function sendProxyError(response: ServerResponse, error: ProxyError): void {
  if (response.destroyed) return;
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = JSON.stringify(error.toBody());
  response.writeHead(error.statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
