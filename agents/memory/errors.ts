// The errors long-term and episodic memory raise, each with a stable code; store errors (a memory
// or episode not found, sqlite-vec missing) come from store/ with codes of their own.
import { AgentlabError } from '../../models/index.js';

export type MemoryErrorCode =
  /** The embedding endpoint failed (HTTP error, connection refused, timeout). */
  | 'AGENTLAB_EMBEDDING_FAILED'
  /** The endpoint answered with something that is not one usable vector per input of the expected size. */
  | 'AGENTLAB_EMBEDDING_INVALID'
  /** Empty or over-long content, query or namespace, control characters in a name, k out of range. */
  | 'AGENTLAB_MEMORY_INPUT_INVALID';

export class MemoryError extends AgentlabError {
  declare readonly code: MemoryErrorCode;

  constructor(code: MemoryErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export function embeddingFailed(model: string, baseURL: string, cause: unknown): MemoryError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new MemoryError('AGENTLAB_EMBEDDING_FAILED', `Embedding model ${model} at ${baseURL} failed: ${reason}`, { cause });
}

export function embeddingInvalid(model: string, problem: string): MemoryError {
  return new MemoryError('AGENTLAB_EMBEDDING_INVALID', `Embedding model ${model} ${problem}`);
}

export function memoryInputInvalid(message: string): MemoryError {
  return new MemoryError('AGENTLAB_MEMORY_INPUT_INVALID', message);
}
