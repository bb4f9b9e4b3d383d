// The error catalogue of queue/: one class with a stable code per failure a user can see.
// Losing a lease is not an error: the conditional operations return false (or undefined) instead.

export type QueueErrorCode =
  | 'AGENTLAB_QUEUE_URL_UNSUPPORTED'
  | 'AGENTLAB_QUEUE_UNREACHABLE'
  | 'AGENTLAB_QUEUE_INPUT_INVALID'
  | 'AGENTLAB_QUEUE_CLOSED';

export class QueueError extends Error {
  readonly code: QueueErrorCode;

  constructor(code: QueueErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueueError';
    this.code = code;
  }
}

export function queueUrlUnsupported(url: string, schemes: readonly string[]): QueueError {
  return new QueueError(
    'AGENTLAB_QUEUE_URL_UNSUPPORTED',
    `The queue URL ${JSON.stringify(url)} names no queue backend agentlab knows: use one of ${schemes.map((scheme) => `${scheme}//…`).join(', ')}, or leave AGENTLAB_QUEUE_URL unset for the queue in agentlab's store.`,
  );
}

/** The URL is shown without its password. */
export function queueUnreachable(url: string, cause: unknown): QueueError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new QueueError('AGENTLAB_QUEUE_UNREACHABLE', `Cannot reach the Redis queue at ${redactUrl(url)}: ${reason}. Is redis-server running there?`, { cause });
}

export function queueInputInvalid(message: string): QueueError {
  return new QueueError('AGENTLAB_QUEUE_INPUT_INVALID', message);
}

export function queueClosed(description: string): QueueError {
  return new QueueError('AGENTLAB_QUEUE_CLOSED', `The queue ${description} was used after close().`);
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
