// A PostgreSQL database of its own for a CLI test file, made on the server AGENTLAB_TEST_POSTGRES_URL
// names (`node scripts/test-services.mjs start`, or vitest's global setup) and dropped at the end. Never
// skipped: without the server the tests fail, saying why.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** postgres://… of the new database. */
  url: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.AGENTLAB_TEST_POSTGRES_URL;
  if (url) return url;
  throw new Error(`PostgreSQL for these tests is unavailable: ${process.env.AGENTLAB_TEST_POSTGRES_UNAVAILABLE ?? 'AGENTLAB_TEST_POSTGRES_URL is not set'}`);
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
