// Opening a store: the file and its folders are created, the journal is WAL, and paths that are not
// a database fail with AGENTLAB_STORE_OPEN_FAILED naming the path.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from './errors.js';
import { openStore } from './open-store.js';
import { runRecord, temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
afterEach(() => directories.removeAll());

function openFailure(path: string): StoreError {
  try {
    openStore(path).close();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error(`openStore(${path}) did not fail`);
}

describe('openStore', () => {
  it('creates the file and its parent folders, in WAL mode with synchronous=NORMAL and foreign keys on', () => {
    const path = join(directories.make(), 'nested', 'deeper', 'agentlab.db');
    const store = openStore(path);
    store.close();
    expect(existsSync(path)).toBe(true);

    const database = new BetterSqlite3(path);
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    database.close();

    // synchronous and foreign_keys are per connection, so look at the store's own.
    const reopened = openStore(path);
    const connection = (reopened as unknown as { database: BetterSqlite3.Database }).database;
    expect(connection.pragma('synchronous', { simple: true })).toBe(1);
    expect(connection.pragma('foreign_keys', { simple: true })).toBe(1);
    reopened.close();
  });

  it('opens an in-memory store for ":memory:"', () => {
    const store = openStore(':memory:');
    store.createRun(runRecord());
    expect(store.getRun('run-1')?.id).toBe('run-1');
    store.close();
  });

  it('keeps what was written across close and reopen', () => {
    const path = join(directories.make(), 'agentlab.db');
    const first = openStore(path);
    first.createRun(runRecord());
    first.finishRun('run-1', 'completed', 1_700_000_009_000);
    first.close();
    const second = openStore(path);
    expect(second.getRun('run-1')).toMatchObject({ ...runRecord(), status: 'completed', finishedAt: 1_700_000_009_000 });
    second.close();
  });

  it('fails with AGENTLAB_STORE_OPEN_FAILED for a directory', () => {
    const path = directories.make();
    const error = openFailure(path);
    expect(error.code).toBe('AGENTLAB_STORE_OPEN_FAILED');
    expect(error.message).toContain(path);
    expect(error.message).toContain('directory');
  });

  it('fails with AGENTLAB_STORE_OPEN_FAILED for a file that is not a database, and leaves it alone', () => {
    const path = join(directories.make(), 'notes.txt');
    const text = 'these are notes, not a database; '.repeat(10);
    writeFileSync(path, text);
    const error = openFailure(path);
    expect(error.code).toBe('AGENTLAB_STORE_OPEN_FAILED');
    expect(error.message).toContain(path);
    expect(error.message).toContain('not an SQLite database');
    expect(error.cause).toBeDefined();
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('fails with AGENTLAB_STORE_OPEN_FAILED when a file stands where a parent folder should be', () => {
    const file = join(directories.make(), 'plain-file');
    writeFileSync(file, 'x');
    const path = join(file, 'agentlab.db');
    const error = openFailure(path);
    expect(error.code).toBe('AGENTLAB_STORE_OPEN_FAILED');
    expect(error.message).toContain(path);
  });
});
