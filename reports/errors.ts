// The error catalogue of reports/: one class with a stable code and the HTTP status it answers with.

export type ReportErrorCode =
  | 'AGENTLAB_SERVE_TOKEN_REQUIRED'
  | 'AGENTLAB_REPORT_NOT_FOUND'
  | 'AGENTLAB_REPORT_BAD_REQUEST'
  | 'AGENTLAB_REPORT_UNAUTHORIZED'
  | 'AGENTLAB_REPORT_UNSUPPORTED_MEDIA_TYPE'
  | 'AGENTLAB_REPORT_MEMORY_UNAVAILABLE';

export class ReportError extends Error {
  readonly code: ReportErrorCode;
  readonly statusCode: number;

  constructor(code: ReportErrorCode, statusCode: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

export function serveTokenRequired(host: string): ReportError {
  return new ReportError(
    'AGENTLAB_SERVE_TOKEN_REQUIRED',
    500,
    `Serving reports on ${host}, which is not a loopback address, needs a token so that only its holders can write: set one (--token or AGENTLAB_SERVE_TOKEN), or bind 127.0.0.1.`,
  );
}

export function notFound(what: string, cause?: unknown): ReportError {
  return new ReportError('AGENTLAB_REPORT_NOT_FOUND', 404, `${what} was not found.`, { cause });
}

export function badRequest(message: string, cause?: unknown): ReportError {
  return new ReportError('AGENTLAB_REPORT_BAD_REQUEST', 400, message, { cause });
}

export function unauthorized(): ReportError {
  return new ReportError('AGENTLAB_REPORT_UNAUTHORIZED', 401, 'This endpoint writes: send the server\'s token as "Authorization: Bearer <token>".');
}

/**
 * Decisions come only as JSON: a page elsewhere on the web can post a form to this server (urlencoded,
 * multipart or text/plain) without the browser asking first, but not JSON, which needs a CORS
 * preflight this server never grants.
 */
export function unsupportedMediaType(contentType: string | undefined): ReportError {
  const sent = contentType === undefined || contentType === '' ? 'no Content-Type' : `Content-Type ${JSON.stringify(contentType)}`;
  return new ReportError('AGENTLAB_REPORT_UNSUPPORTED_MEDIA_TYPE', 415, `This endpoint takes a JSON body: send "Content-Type: application/json" (the request had ${sent}).`);
}

/**
 * The HTTP status of the store's and the review queue's errors a decision can meet: what does not
 * exist is 404, a decision someone else made first or a run that has ended is 409, an ambiguous id
 * prefix or an incomplete decision is 400 (in all of these nothing was changed), and a decision that
 * stands but whose lesson the embedding endpoint did not take is 502. A store that stopped answering
 * (PostgreSQL) is 503 on any route, saying which store.
 */
export const decisionErrorStatuses: Readonly<Record<string, number>> = {
  AGENTLAB_APPROVAL_NOT_FOUND: 404,
  AGENTLAB_REVIEW_NOT_FOUND: 404,
  AGENTLAB_AGENT_RUN_NOT_FOUND: 404,
  AGENTLAB_APPROVAL_ALREADY_DECIDED: 409,
  AGENTLAB_APPROVAL_RUN_FINISHED: 409,
  AGENTLAB_REVIEW_ALREADY_DECIDED: 409,
  AGENTLAB_REVIEW_INPUT_INVALID: 400,
  AGENTLAB_ID_AMBIGUOUS: 400,
  AGENTLAB_REVIEW_NO_LESSON: 409,
  AGENTLAB_REVIEW_LESSON_NOT_RECORDED: 502,
  // A PostgreSQL store that stopped answering: the message names it without its password; try again later.
  AGENTLAB_STORE_UNAVAILABLE: 503,
};

/** Episodic memory could not be opened for a review decision, which was therefore not made. */
export function memoryUnavailable(cause: unknown): ReportError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ReportError(
    'AGENTLAB_REPORT_MEMORY_UNAVAILABLE',
    503,
    `Episodic memory, where a review's lesson goes, could not be opened: ${reason} Nothing was changed; fix the embedding model (memory.embeddingModel in the config) and try again.`,
    { cause },
  );
}
