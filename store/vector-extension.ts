// Loads sqlite-vec (the `vec0` virtual table and its distance functions) into one better-sqlite3
// connection, once, when memory is first used on it. The extension is the prebuilt library from
// sqlite-vec's per-platform npm package; a connection that never touches memory never loads it, so
// a store stays readable where the extension is missing.
import type { Database } from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { vectorSearchMmapBytes } from './constants.js';
import { vectorIndexUnavailable } from './memory-errors.js';

const prepared = new WeakSet<Database>();

/** Makes vec0 usable on this connection. Throws AGENTLAB_VECTOR_INDEX_UNAVAILABLE naming the path. */
export function prepareVectorSearch(database: Database, path: string): void {
  if (prepared.has(database)) return;
  try {
    sqliteVec.load(database);
  } catch (error) {
    throw vectorIndexUnavailable(path, error);
  }
  // A KNN query reads every vector of its size. Through the pager each 1 MB chunk is walked page by
  // page (about 75 ms over 100,000 vectors of 256 numbers); mapped, it is read in place (about 27 ms).
  database.pragma(`mmap_size = ${vectorSearchMmapBytes}`);
  prepared.add(database);
}
