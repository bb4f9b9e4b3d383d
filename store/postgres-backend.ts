// The PostgreSQL backend as store/ offers it: opened from a postgres:// URL, with the `pg` client
// loaded only then, so a process that never opens PostgreSQL does not pay for loading it.
import type { StoreOptions } from './sqlite-store.js';
import type { PostgresStore } from './postgres/postgres-store.js';
import type { StoreBackendKind } from './store-backends.js';

/** The store in the PostgreSQL database `url` names (`postgres://user:password@host:5432/database`), migrated. */
export async function openPostgresStore(url: string, options: StoreOptions = {}): Promise<PostgresStore> {
  const { openPostgresStore: open } = await import('./postgres/open-postgres-store.js');
  return open(url, options);
}

/** `postgres://` and `postgresql://` URLs open PostgreSQL. */
export const postgresStoreBackend: StoreBackendKind = {
  name: 'PostgreSQL',
  schemes: ['postgres', 'postgresql'],
  open: (reference, options) => openPostgresStore(reference, options),
};
