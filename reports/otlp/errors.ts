// The error catalogue of the OTLP receiver: one base class with a stable code and the HTTP status
// it answers with, and the decode error every malformed payload becomes.

export type OtlpErrorCode =
  | 'AGENTLAB_OTLP_INVALID'
  | 'AGENTLAB_OTLP_TOO_LARGE'
  | 'AGENTLAB_OTLP_UNAUTHORIZED'
  | 'AGENTLAB_OTLP_UNSUPPORTED_MEDIA_TYPE'
  | 'AGENTLAB_OTLP_STORE_FAILED'
  | 'AGENTLAB_OTLP_INTERNAL';

/** Base of the receiver's errors: `code` to branch on, `statusCode` for the HTTP answer, `cause` passed on. */
export class OtlpError extends Error {
  readonly code: OtlpErrorCode;
  readonly statusCode: number;

  constructor(code: OtlpErrorCode, statusCode: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.statusCode = statusCode;
  }
}

/** A payload that is not a valid OTLP ExportTraceServiceRequest; `path` points at the bad field when one is to blame. */
export class OtlpDecodeError extends OtlpError {
  readonly path: string | undefined;

  constructor(message: string, options?: { path?: string; cause?: unknown }) {
    super('AGENTLAB_OTLP_INVALID', 400, options?.path ? `${options.path}: ${message}` : message, options);
    this.path = options?.path;
  }
}

export function payloadTooLarge(limitBytes: number, what: string): OtlpError {
  return new OtlpError('AGENTLAB_OTLP_TOO_LARGE', 413, `The ${what} is larger than the ${limitBytes} bytes this receiver accepts.`);
}

export function unauthorized(): OtlpError {
  return new OtlpError('AGENTLAB_OTLP_UNAUTHORIZED', 401, 'Sending traces here needs a valid token: set the exporter\'s authorization header.');
}

export function unsupportedMediaType(what: string, accepted: readonly string[]): OtlpError {
  return new OtlpError('AGENTLAB_OTLP_UNSUPPORTED_MEDIA_TYPE', 415, `${what} is not accepted here; send one of: ${accepted.join(', ')}.`);
}

export function internalFailure(cause: unknown): OtlpError {
  return new OtlpError('AGENTLAB_OTLP_INTERNAL', 500, 'The trace receiver failed on this request; the server log has the details.', { cause });
}

export function storeFailed(cause: unknown): OtlpError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  // 503 is one of the statuses OTLP exporters retry, which suits a busy or briefly closed store.
  return new OtlpError('AGENTLAB_OTLP_STORE_FAILED', 503, `The traces were valid but could not be stored: ${detail}`, { cause });
}
