// Opens (creating when needed) the SQLite file behind a Store: parent folders, WAL journal,
// synchronous=NORMAL, foreign keys, then the pending migrations. Any failure to get there is
// AGENTLAB_STORE_OPEN_FAILED naming the path, except a file from a newer agentlab.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { busyTimeoutMs, defaultStorePath, inMemoryStorePath } from './constants.js';
import { StoreError, storeOpenFailed } from './errors.js';
import { migrate } from './migrations.js';
import { Store } from './sqlite-store.js';
import type { StoreOptions } from './sqlite-store.js';

export type OpenStoreOptions = StoreOptions;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function describeOpenFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB') return 'the file is not an SQLite database';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file stands where its folder should be';
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

function openDatabase(path: string): Database {
  if (path !== inMemoryStorePath) {
    if (isDirectory(path)) throw storeOpenFailed(path, 'it is a directory; give the path of a database file');
    mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const database = new BetterSqlite3(path, { timeout: busyTimeoutMs });
  try {
    // The first statement is where SQLite reads the header and notices a file that is not a database.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    migrate(database, path);
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}

/** Opens the store at `path` (`.agentlab/agentlab.db` by default; `:memory:` for a private in-memory one). */
export function openStore(path: string = defaultStorePath, options: OpenStoreOptions = {}): Store {
  let database: Database;
  try {
    database = openDatabase(path);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw storeOpenFailed(path, describeOpenFailure(error), error);
  }
  return new Store(database, path, options);
}
