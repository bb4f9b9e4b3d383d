// A database of its own on a PostgreSQL server, made for one test file or benchmark and dropped after:
// what the contract suite, the CLI's PostgreSQL tests and the benchmarks each need from a server URL
// of a role that may CREATE DATABASE (the throwaway cluster of scripts/test-services.mjs, or a
// server of the user's own named by AGENTLAB_TEST_POSTGRES_URL / AGENTLAB_BENCH_POSTGRES_URL).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchDatabase {
  /** Its name on the server: `<prefix>_<12 hex digits>`. */
  name: string;
  /** `postgres://…/<name>`: the server's URL with this database in its path. */
  url: string;
  /** Drops it, closing any connection still on it. */
  drop(): Promise<void>;
}

/** One connection to `url` for `work`, ended whatever `work` does. */
export async function withPostgresClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Makes a database named from `prefix` (lower-case letters, digits and underscores) on the server `serverUrl` names. */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) {
    throw new Error(`a scratch database prefix is lower-case letters, digits and underscores, at most 41 of them: ${JSON.stringify(prefix)}`);
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withPostgresClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await withPostgresClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
