// The error catalogue of reports/: one class with a stable code and the HTTP status it answers with.

export type ReportErrorCode =
  | 'AGENTLAB_SERVE_TOKEN_REQUIRED'
  | 'AGENTLAB_REPORT_NOT_FOUND'
  | 'AGENTLAB_REPORT_BAD_REQUEST'
  | 'AGENTLAB_REPORT_UNAUTHORIZED';

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
