// The backends the contract suite runs against, opened through openStoreBackend as a user's --store
// reference would open them, each fresh for a test: SQLite in a file of a
// temp folder, PostgreSQL in a database of its own made on AGENTLAB_TEST_POSTGRES_URL's server for
// each test file (files run in parallel), dropped when the file ends. PostgreSQL is never skipped: when
// the test services could not start it, opening it fails with their reason, and so do its tests.
import '../default-backends.js';
import { withPostgresClient, type ScratchDatabase } from '../postgres/scratch-database.js';
import { openStoreBackend } from '../store-backends.js';
import type { StoreOptions } from '../sqlite-store.js';
import type { StoreBackend } from '../store-backend.js';
import { createTestDatabase, temporaryDirectories } from '../test-fixtures.js';
import { join } from 'node:path';

/** What both backends implement: the contract runs on this. */
export type ContractStore = StoreBackend;

export interface ContractBackend {
  name: string;
  /** A store no other test has touched (same database for every call within one test: open it twice to test two processes). */
  open(options?: StoreOptions): Promise<ContractStore>;
  /** Empties the current test's store (the stores opened on it are closed first); the next open starts empty. */
  reset(): Promise<void>;
  /** Removes everything this backend made for the file. */
  dispose(): Promise<void>;
}

function sqliteBackend(): ContractBackend {
  const directories = temporaryDirectories();
  let path: string | undefined;
  return {
    name: 'SQLite',
    async open(options) {
      path ??= join(directories.make(), 'agentlab.db');
      return openStoreBackend(path, options);
    },
    async reset() {
      path = undefined;
    },
    async dispose() {
      directories.removeAll();
    },
  };
}

function postgresBackend(): ContractBackend {
  // The promise, so that stores opened at once in a test's first moments share one database.
  let database: Promise<ScratchDatabase> | undefined;
  return {
    name: 'PostgreSQL',
    async open(options) {
      // One database per test file, so files can run in parallel; tests within it are emptied between.
      database ??= createTestDatabase('agentlab_contract');
      return openStoreBackend((await database).url, options);
    },
    async reset() {
      if (!database) return;
      // Every table the migrations made, emptied (identities restarted); the schema stays.
      await withPostgresClient((await database).url, async (client) => {
        const { rows } = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'");
        if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
      });
    },
    async dispose() {
      const made = database;
      database = undefined;
      if (made) await (await made).drop();
    },
  };
}

/** A fresh list of backends for one test file. */
export function contractBackends(): ContractBackend[] {
  return [sqliteBackend(), postgresBackend()];
}
