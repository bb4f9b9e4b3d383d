// Which request goes where: under `/cells/<cellId>/v1` a session's OpenAI-compatible routes (after
// its key is checked), and `POST /v1/traces` for the OTLP receiver. Everything else is a 404 in
// OpenAI's error shape, which is what an agent's client can show.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChatExchange } from './chat-exchange.js';
import { apiVersionPath, cellsPathPrefix, otlpTracesPath } from './constants.js';
import type { OtlpIntake } from './otlp-intake.js';
import { PassthroughExchange } from './passthrough-exchange.js';
import { sendProxyError, unauthorized, unknownRoute } from './proxy-error.js';
import type { ModelProxySession } from './proxy-session.js';

export interface RouteTable {
  session(cellId: string): ModelProxySession | undefined;
  readonly otlp: OtlpIntake;
}

function pathnameOf(path: string): string {
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

/** Answers without reading the body: what is left of it is dropped so the connection can be reused. */
function refuse(request: IncomingMessage, response: ServerResponse, error: Parameters<typeof sendProxyError>[1]): void {
  request.resume();
  sendProxyError(response, error);
}

export function routeRequest(routes: RouteTable, request: IncomingMessage, response: ServerResponse): void {
  const url = request.url ?? '/';
  const method = request.method ?? 'GET';
  if (url.startsWith(cellsPathPrefix)) {
    routeSessionRequest(routes, request, response, url, method);
    return;
  }
  if (method === 'POST' && pathnameOf(url) === otlpTracesPath) {
    routes.otlp.handle(request, response);
    return;
  }
  refuse(request, response, unknownRoute(method, pathnameOf(url)));
}

function routeSessionRequest(routes: RouteTable, request: IncomingMessage, response: ServerResponse, url: string, method: string): void {
  const slash = url.indexOf('/', cellsPathPrefix.length);
  const cellId = url.slice(cellsPathPrefix.length, slash === -1 ? url.length : slash);
  const session = routes.session(cellId);
  if (!session?.authorizes(request.headers.authorization)) {
    refuse(request, response, unauthorized());
    return;
  }
  const rest = slash === -1 ? '' : url.slice(slash);
  if (!rest.startsWith(`${apiVersionPath}/`)) {
    refuse(request, response, unknownRoute(method, pathnameOf(rest) || '/'));
    return;
  }
  // Below the version: the same path below the endpoint's base URL, which ends in its own /v1.
  const path = rest.slice(apiVersionPath.length);
  const pathname = pathnameOf(path);
  if (method === 'POST' && pathname === '/chat/completions') {
    session.start(new ChatExchange(session, request, response, path), response);
  } else if ((method === 'POST' && pathname === '/embeddings') || (method === 'GET' && (pathname === '/models' || pathname.startsWith('/models/')))) {
    session.start(new PassthroughExchange(session, request, response, path), response);
  } else {
    refuse(request, response, unknownRoute(method, `${apiVersionPath}${pathname}`));
  }
}
