// The PostgreSQL schema as an ordered list of its own migrations (numbered apart from SQLite's, which
// change a file in place with ALTERs SQLite needs). `schema_migrations` records each version applied;
// opening a store applies the pending ones in one transaction under an advisory lock, so two
// processes opening a new database at once do not both create tables, and refuses a database
// written by a newer agentlab (AGENTLAB_STORE_VERSION_TOO_NEW) without touching it.
import type { Pool } from 'pg';
import { storeVersionTooNew } from '../errors.js';
import { migrationLockKey } from './constants.js';
import { evalSchemaMigration } from './eval-schema-migration.js';
import { runShardsMigration } from './run-shards-migration.js';
import { humanLoopMigration } from './human-loop-migration.js';
import { queueMigration } from './queue-migration.js';
import { contentMigration } from './content-migration.js';
import { memoryMigration } from './memory-migration.js';
import { traceDayTotalsMigration } from './trace-day-totals-migration.js';

export interface PostgresMigration {
  /** 1, 2, 3…: the schema version once it is applied. */
  version: number;
  description: string;
  sql: string;
}

export const postgresMigrations: readonly PostgresMigration[] = [evalSchemaMigration, runShardsMigration, humanLoopMigration, queueMigration, contentMigration, memoryMigration, traceDayTotalsMigration];

/** The schema version this code writes: the last migration's. */
export const postgresSchemaVersion = postgresMigrations.at(-1)?.version ?? 0;

/** Brings the database up to the last of `migrations`; `location` names it in errors. Returns the versions applied. */
export async function migratePostgres(pool: Pool, location: string, migrations: readonly PostgresMigration[] = postgresMigrations, now: () => number = Date.now): Promise<number[]> {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`PostgreSQL store migration ${index + 1} is numbered ${migration.version}.`);
  });
  const knownVersion = migrations.at(-1)?.version ?? 0;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [migrationLockKey]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, description text NOT NULL, applied_at bigint NOT NULL)`);
    const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
    const version = rows[0]?.version ?? 0;
    if (version > knownVersion) throw storeVersionTooNew(location, version, knownVersion);
    const pending = migrations.filter((migration) => migration.version > version);
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.description, now()]);
    }
    await client.query('COMMIT');
    return pending.map((migration) => migration.version);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
