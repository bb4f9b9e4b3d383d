// Opening a PostgreSQL store: a database that cannot be reached, does not exist, is too old or holds a
// newer schema is refused before anything runs, naming the host and database but never the password;
// a new database is migrated once even when two processes open it at the same time.
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import { createTestDatabase, testPostgresServerUrl } from '../test-fixtures.js';
import { migratePostgres, postgresMigrations, postgresSchemaVersion } from './migrations.js';
import { assertServerVersion } from './open-pool.js';
import { openPostgresStore } from './open-postgres-store.js';
import { withPostgresClient, type ScratchDatabase } from './scratch-database.js';

const made: ScratchDatabase[] = [];

/** A new empty database's URL, with a password pg sends only if asked (the test server trusts loopback). */
async function freshDatabase(): Promise<string> {
  const database = await createTestDatabase('agentlab_open');
  made.push(database);
  return database.url;
}

afterAll(async () => {
  for (const database of made) await database.drop();
});

async function openFailure(url: string): Promise<StoreError> {
  const failure = await openPostgresStore(url).then(
    async (store) => {
      await store.close();
      throw new Error('the store opened');
    },
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(StoreError);
  return failure as StoreError;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('openPostgresStore', () => {
  it('refuses an unreachable server, naming host, port and database but not the password', async () => {
    const port = await closedPort();
    const failure = await openFailure(`postgres://agentlab:hunter2@127.0.0.1:${port}/evals`);
    expect(failure.code).toBe('AGENTLAB_STORE_OPEN_FAILED');
    expect(failure.message).toContain(`postgres://agentlab@127.0.0.1:${port}/evals`);
    expect(failure.message).toContain('connection refused');
    expect(failure.message).not.toContain('hunter2');
    expect(JSON.stringify(failure.cause ?? {})).not.toContain('hunter2');
  });

  it('refuses a database that does not exist, saying so', async () => {
    const url = new URL(testPostgresServerUrl());
    url.pathname = '/agentlab_no_such_database';
    url.password = 'hunter2';
    const failure = await openFailure(url.toString());
    expect(failure.code).toBe('AGENTLAB_STORE_OPEN_FAILED');
    expect(failure.message).toContain('agentlab_no_such_database');
    expect(failure.message).toContain('does not exist');
    expect(failure.message).not.toContain('hunter2');
  });

  it('refuses a server older than PostgreSQL 12, naming its version', () => {
    expect(() => assertServerVersion(110_005, 'postgres://db:5432/x')).toThrow(/PostgreSQL 11\.5, older than PostgreSQL 12\.0/);
    expect(() => assertServerVersion(90_624, 'postgres://db:5432/x')).toThrow(/PostgreSQL 9\.6\.24/);
    expect(() => assertServerVersion(Number.NaN, 'postgres://db:5432/x')).toThrow(/unknown version/);
    expect(() => assertServerVersion(150_004, 'postgres://db:5432/x')).not.toThrow();
  });

  it('migrates a new database once when two processes open it at once, and opens it again without change', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all([openPostgresStore(url), openPostgresStore(url), openPostgresStore(url)]);
    for (const store of stores) await store.close();
    const versions = await withPostgresClient(url, (client) => client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version'));
    expect(versions.rows.map((row) => row.version)).toEqual(Array.from({ length: postgresSchemaVersion }, (_, index) => index + 1));
    const again = await openPostgresStore(url);
    expect(again.location).toBe(url.replace(/^(postgres:\/\/[^:@/]+)(:[^@]*)?@/, '$1@'));
    await again.close();
  });

  it('sums the traces of a version 6 database into per-day spend by service when it opens, and later writes keep it up', async () => {
    const url = await freshDatabase();
    const pool = new pg.Pool({ connectionString: url });
    try {
      await migratePostgres(pool, url, postgresMigrations.filter((migration) => migration.version <= 6));
      const midnight = Date.UTC(2026, 5, 2);
      const insert = `INSERT INTO traces (trace_id, service_name, root_name, has_root, start_time_ms, end_time_ms, span_count, agent_runs, model_calls, tool_calls, error_spans, input_tokens, output_tokens, cost_usd, unpriced_model_calls)
        VALUES ($1, $2, 'root', 1, $3, $3, 1, 0, $4, 0, 0, $5, 5, $6, $7)`;
      await pool.query(insert, ['before-midnight', 'billing', midnight - 0.25, 2, 100, 0.5, 0]);
      await pool.query(insert, ['at-midnight', 'billing', midnight, 1, 10, null, 1]);
      await pool.query(insert, ['next-day', 'support', midnight + 86_400_000 + 3.5, 3, 30, 0.25, 0]);
      const store = await openPostgresStore(url);
      try {
        const days = await pool.query('SELECT day::integer AS day, service_name, traces::integer AS traces, priced_traces::integer AS priced, cost_usd FROM trace_day_totals ORDER BY day, service_name');
        expect(days.rows).toEqual([
          { day: midnight / 86_400_000 - 1, service_name: 'billing', traces: 1, priced: 1, cost_usd: 0.5 },
          { day: midnight / 86_400_000, service_name: 'billing', traces: 1, priced: 0, cost_usd: 0 },
          { day: midnight / 86_400_000 + 1, service_name: 'support', traces: 1, priced: 1, cost_usd: 0.25 },
        ]);
        expect(await store.serviceCosts({ since: midnight - 86_400_000, until: midnight + 0.5 })).toEqual([
          { serviceName: 'billing', traces: 2, modelCalls: 3, inputTokens: 110, outputTokens: 10, costUsd: 0.5, unpricedModelCalls: 1 },
        ]);
      } finally {
        await store.close();
      }
    } finally {
      await pool.end();
    }
  });

  it('refuses a database whose schema a newer agentlab wrote, and leaves it as it was', async () => {
    const url = await freshDatabase();
    await (await openPostgresStore(url)).close();
    await withPostgresClient(url, (client) => client.query("INSERT INTO schema_migrations (version, description, applied_at) VALUES (999, 'from the future', 0)"));
    const failure = await openFailure(url);
    expect(failure.code).toBe('AGENTLAB_STORE_VERSION_TOO_NEW');
    expect(failure.message).toContain('999');
    const count = await withPostgresClient(url, (client) => client.query<{ count: string }>('SELECT COUNT(*) AS count FROM schema_migrations'));
    expect(Number(count.rows[0]?.count)).toBe(postgresSchemaVersion + 1);
  });
});
