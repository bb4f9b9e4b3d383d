// Errors and unknown routes as answers: JSON `{ error: { code, message } }` for the API (and OTLP)
// paths, an HTML error page otherwise. Client errors keep their status and message; anything else
// is a 500 whose details go to the log, not to the browser.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AgentlabError } from '../models/index.js';
import { StoreError } from '../store/index.js';
import { jsonPathPrefixes } from './constants.js';
import { decisionErrorStatuses, notFound, ReportError } from './errors.js';
import type { ViewRenderer } from './view-renderer.js';

export interface ErrorBody {
  error: { code: string; message: string };
}

const internalErrorCode = 'AGENTLAB_REPORT_FAILED';

function wantsJson(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return jsonPathPrefixes.some((prefix) => path.startsWith(prefix));
}

function publicError(error: FastifyError): { statusCode: number; code: string; message: string } {
  // The store's and the review queue's errors (an approval already decided, a review not found) carry a code but no status.
  const decisionStatus = error instanceof StoreError || error instanceof AgentlabError ? decisionErrorStatuses[error.code] : undefined;
  if (decisionStatus !== undefined) return { statusCode: decisionStatus, code: error.code, message: error.message };
  // Our own errors say what a user can do, a 503 included (memory that could not be opened).
  if (error instanceof ReportError && error.statusCode !== 500) return { statusCode: error.statusCode, code: error.code, message: error.message };
  const statusCode = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (statusCode === 500) return { statusCode, code: internalErrorCode, message: 'The report server failed on this request; its log has the details.' };
  return { statusCode, code: error.code ?? 'AGENTLAB_REPORT_BAD_REQUEST', message: error.message };
}

function send(request: FastifyRequest, reply: FastifyReply, renderer: ViewRenderer, statusCode: number, code: string, message: string): FastifyReply {
  reply.code(statusCode);
  if (wantsJson(request)) {
    const body: ErrorBody = { error: { code, message } };
    return reply.type('application/json; charset=utf-8').send(body);
  }
  let html: string;
  try {
    html = renderer.render('error', { title: `${statusCode} ${statusCode === 404 ? 'Not found' : 'Error'}`, data: { statusCode, code, message } });
  } catch (renderError) {
    request.log.error({ err: renderError }, 'rendering the error page failed');
    return reply.type('text/plain; charset=utf-8').send(`${statusCode} ${code}: ${message}`);
  }
  return reply.type('text/html; charset=utf-8').send(html);
}

export function registerErrorPages(app: FastifyInstance, renderer: ViewRenderer): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { statusCode, code, message } = publicError(error);
    if (statusCode === 500) request.log.error({ err: error }, 'report request failed');
    return send(request, reply, renderer, statusCode, code, message);
  });
  app.setNotFoundHandler((request, reply) => {
    const error = notFound(`${request.method} ${request.url.split('?')[0]}`);
    return send(request, reply, renderer, error.statusCode, error.code, error.message);
  });
}
