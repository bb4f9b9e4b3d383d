// The errors the memory and episode tables raise: StoreErrors with codes of their own.
import { StoreError } from './errors.js';

export function vectorIndexUnavailable(path: string, cause: unknown): StoreError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const platformPackage = `sqlite-vec-${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  return new StoreError(
    'AGENTLAB_VECTOR_INDEX_UNAVAILABLE',
    `Cannot load the sqlite-vec vector index into the agentlab store at ${path}: ${reason}. ` +
      `Memory needs the prebuilt extension from the ${platformPackage} package: reinstall with npm ci.`,
    { cause },
  );
}

export function embeddingDimensionsMismatch(embeddingModel: string, dimensions: number, storedDimensions: number): StoreError {
  return new StoreError(
    'AGENTLAB_EMBEDDING_DIMENSIONS_MISMATCH',
    `Embedding model ${embeddingModel} gave a vector of ${dimensions} numbers, but the store holds its earlier vectors with ${storedDimensions}: ` +
      `vectors of different sizes cannot be compared. Use another embedding model name, or forget the memories made with this one.`,
  );
}

export function memoryNotFound(id: number): StoreError {
  return new StoreError('AGENTLAB_MEMORY_NOT_FOUND', `No memory has the id ${id}.`);
}

export function episodeNotFound(id: number): StoreError {
  return new StoreError('AGENTLAB_EPISODE_NOT_FOUND', `No episode has the id ${id}.`);
}
