// The store an eval writes into: a reference (`--store`, AGENTLAB_STORE_URL, else .agentlab/agentlab.db)
// opened on the backend its scheme names (a path: SQLite; postgres://: PostgreSQL), or a store the caller
// holds. Commands that take `--store` the same way (`agentlab memory`, `agentlab reviews`) open theirs
// here too. Memory, episodes and lessons work on the opened store whatever its backend.
import path from 'node:path';
import { defaultStorePath, openStoreBackend, SqliteStoreBackend, Store, storeReferenceScheme, type StoreBackend } from '../../store/index.js';

type StoreOption = string | Store | StoreBackend | (() => Store | StoreBackend | Promise<Store | StoreBackend>) | undefined;

/** A path is taken from `cwd`; a URL (postgres://…, file://…) as it is. */
export function resolveStoreReference(reference: string, cwd: string): string {
  return storeReferenceScheme(reference) === 'file' && !reference.startsWith('file:') ? path.resolve(cwd, reference) : reference;
}

function asBackend(store: Store | StoreBackend): StoreBackend {
  return store instanceof Store ? new SqliteStoreBackend(store) : store;
}

/**
 * Opens the store the option names (AGENTLAB_STORE_URL, else .agentlab/agentlab.db, when it names none).
 * Throws AGENTLAB_STORE_OPEN_FAILED or _VERSION_TOO_NEW (exit 2 on the command line) naming the file, or the
 * database without its password.
 */
export async function openEvalStore(option: StoreOption, where: { cwd: string; env: Readonly<Record<string, string | undefined>> }): Promise<StoreBackend> {
  if (typeof option === 'function') return asBackend(await option());
  if (option !== undefined && typeof option !== 'string') return asBackend(option);
  return openStoreBackend(resolveStoreReference(option ?? (where.env.AGENTLAB_STORE_URL || defaultStorePath), where.cwd));
}
