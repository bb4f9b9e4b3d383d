// The backends the contract suite runs against, opened through openStoreBackend as a user's --store
// reference would open them, each fresh for a test: SQLite in a file of a
// temp folder, PostgreSQL in a database of its own made on AGENTLAB_TEST_POSTGRES_URL's server for
// each test file (files run in parallel), dropped when the file ends. PostgreSQL is never skipped: when
// the test services could not start it, opening it fails with their reason, and so do its tests.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import '../default-backends.js';
import { openStoreBackend } from '../store-backends.js';
import type { StoreOptions } from '../sqlite-store.js';
import type { StoreBackend } from '../store-backend.js';
import { temporaryDirectories } from '../test-fixtures.js';
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

function postgresAdminUrl(): string {
  const url = process.env.AGENTLAB_TEST_POSTGRES_URL;
  if (url) return url;
  const reason = process.env.AGENTLAB_TEST_POSTGRES_UNAVAILABLE;
  throw new Error(
    `PostgreSQL for the store contract tests is unavailable: ${reason ?? 'AGENTLAB_TEST_POSTGRES_URL is not set'}. ` +
      'Run the tests through vitest.config.ts (its global setup starts one), or `eval "$(node scripts/test-services.mjs start --shell)"` first.',
  );
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
  let database: string | undefined;
  let url: string | undefined;
  const connect = async <T>(target: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL',
    async open(options) {
      if (!url) {
        // One database per test file, so files can run in parallel; tests within it are emptied between.
        database = `agentlab_contract_${randomBytes(6).toString('hex')}`;
        await connect(postgresAdminUrl(), (client) => client.query(`CREATE DATABASE ${database}`));
        const next = new URL(postgresAdminUrl());
        next.pathname = `/${database}`;
        url = next.toString();
      }
      return openStoreBackend(url, options);
    },
    async reset() {
      if (!url) return;
      // Every table the migrations made, emptied (identities restarted); the schema stays.
      await connect(url, async (client) => {
        const { rows } = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'");
        if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
      });
    },
    async dispose() {
      if (!database) return;
      const dropped = database;
      database = undefined;
      url = undefined;
      await connect(postgresAdminUrl(), (client) => client.query(`DROP DATABASE IF EXISTS ${dropped} WITH (FORCE)`));
    },
  };
}

/** A fresh list of backends for one test file. */
export function contractBackends(): ContractBackend[] {
  return [sqliteBackend(), postgresBackend()];
}
