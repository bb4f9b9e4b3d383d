// The error catalogue of store/: one class with a stable code per failure a user can see.
// store/ imports nothing from other folders, so this base mirrors models' AgentlabError (code, cause).
import type { RunRecord, RunShardRecord } from './records.js';
import { describeOwner } from './run-owner.js';

export type StoreErrorCode =
  | 'AGENTLAB_STORE_OPEN_FAILED'
  | 'AGENTLAB_STORE_VERSION_TOO_NEW'
  | 'AGENTLAB_STORE_WRITE_FAILED'
  | 'AGENTLAB_STORE_CLOSED'
  | 'AGENTLAB_STORE_UNAVAILABLE'
  | 'AGENTLAB_RUN_NOT_FOUND'
  | 'AGENTLAB_RUN_ID_AMBIGUOUS'
  | 'AGENTLAB_RUN_ALREADY_EXISTS'
  | 'AGENTLAB_RUN_IN_PROGRESS'
  | 'AGENTLAB_SHARD_IN_PROGRESS'
  | 'AGENTLAB_RUN_NOT_SHARDED'
  // Long-term and episodic memory (memory-errors.ts).
  | 'AGENTLAB_VECTOR_INDEX_UNAVAILABLE'
  | 'AGENTLAB_EMBEDDING_DIMENSIONS_MISMATCH'
  | 'AGENTLAB_MEMORY_NOT_FOUND'
  | 'AGENTLAB_EPISODE_NOT_FOUND'
  // Human in the loop (human-loop-errors.ts).
  | 'AGENTLAB_AGENT_RUN_NOT_FOUND'
  | 'AGENTLAB_APPROVAL_NOT_FOUND'
  | 'AGENTLAB_APPROVAL_ALREADY_DECIDED'
  | 'AGENTLAB_APPROVAL_RUN_FINISHED'
  | 'AGENTLAB_REVIEW_NOT_FOUND'
  | 'AGENTLAB_REVIEW_ALREADY_DECIDED'
  | 'AGENTLAB_REVIEW_INPUT_INVALID'
  | 'AGENTLAB_ID_AMBIGUOUS';

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

export function storeOpenFailed(path: string, reason: string, cause?: unknown): StoreError {
  return new StoreError('AGENTLAB_STORE_OPEN_FAILED', `Cannot open the agentlab store at ${path}: ${reason}.`, { cause });
}

export function storeVersionTooNew(path: string, fileVersion: number, knownVersion: number): StoreError {
  return new StoreError(
    'AGENTLAB_STORE_VERSION_TOO_NEW',
    `The agentlab store at ${path} has schema version ${fileVersion}, but this agentlab only knows up to ${knownVersion}: upgrade agentlab, or point it at another store.`,
  );
}

export function storeWriteFailed(path: string, what: string, cause: unknown): StoreError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new StoreError('AGENTLAB_STORE_WRITE_FAILED', `Could not write ${what} to the agentlab store at ${path}: ${detail}`, { cause });
}

export function storeClosed(path: string): StoreError {
  return new StoreError('AGENTLAB_STORE_CLOSED', `The agentlab store at ${path} is already closed.`);
}

/** A database server that stopped answering after the store opened (PostgreSQL): refused, lost or shut down. */
export function storeUnavailable(location: string, cause: unknown): StoreError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new StoreError('AGENTLAB_STORE_UNAVAILABLE', `The agentlab store at ${location} stopped answering: ${detail}.`, { cause });
}

export function runNotFound(idOrPrefix: string): StoreError {
  return new StoreError('AGENTLAB_RUN_NOT_FOUND', `No run has the id ${JSON.stringify(idOrPrefix)} or an id starting with it.`);
}

export function runIdAmbiguous(prefix: string, candidates: string[], more: boolean): StoreError {
  const listed = candidates.join(', ') + (more ? ', …' : '');
  return new StoreError('AGENTLAB_RUN_ID_AMBIGUOUS', `Run id prefix ${JSON.stringify(prefix)} matches several runs (${listed}): give more characters.`);
}

export function runAlreadyExists(id: string): StoreError {
  return new StoreError('AGENTLAB_RUN_ALREADY_EXISTS', `A run with id ${JSON.stringify(id)} already exists.`);
}

export function runInProgress(run: RunRecord): StoreError {
  return new StoreError(
    'AGENTLAB_RUN_IN_PROGRESS',
    `Run ${run.id} is still running in ${describeOwner(run.owner)}: let it finish, or stop it (Ctrl+C), before resuming it.`,
  );
}

export function shardInProgress(shard: RunShardRecord): StoreError {
  return new StoreError(
    'AGENTLAB_SHARD_IN_PROGRESS',
    `Shard ${shard.index}/${shard.count} of run ${shard.runId} is still running in ${describeOwner(shard.owner)}: let it finish, or stop it, before running that shard again.`,
  );
}

export function runNotSharded(run: RunRecord): StoreError {
  return new StoreError(
    'AGENTLAB_RUN_NOT_SHARDED',
    `Run ${run.id} was not made by shards (it was started without --run-id): a shard cannot join it; give a new --run-id.`,
  );
}
