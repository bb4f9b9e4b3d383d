// Opens a PostgreSQL store from its URL: connects (checking the server answers and is recent enough),
// applies the pending migrations, and returns the store. Failures name the database without its password.
import { StoreError, storeOpenFailed } from '../errors.js';
import type { StoreOptions } from '../sqlite-store.js';
import { describeDatabaseUrl } from './database-url.js';
import { migratePostgres } from './migrations.js';
import { openPool } from './open-pool.js';
import { PostgresStore } from './postgres-store.js';

/** The store in the database `url` names (`postgres://user:password@host:5432/database`). */
export async function openPostgresStore(url: string, options: StoreOptions = {}): Promise<PostgresStore> {
  const location = describeDatabaseUrl(url);
  const pool = await openPool(url);
  try {
    await migratePostgres(pool, location);
  } catch (error) {
    await pool.end().catch(() => {});
    if (error instanceof StoreError) throw error;
    throw storeOpenFailed(location, `its schema could not be brought up to date: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  return new PostgresStore(pool, location, options);
}
