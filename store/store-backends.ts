// The open set of store backends, chosen by the reference a user gives (`--store`, AGENTLAB_STORE_URL):
// a URL picks the backend registered for its scheme (`postgres://…`), anything else is a file path
// for the backend registered as `file`. Adding a backend is one module and one registerStoreBackend call.
import { defaultStorePath } from './constants.js';
import { storeOpenFailed } from './errors.js';
import type { StoreOptions } from './sqlite-store.js';
import type { StoreBackend } from './store-backend.js';

export type StoreBackendOptions = StoreOptions;

export interface StoreBackendKind {
  /** For messages: `SQLite`, `PostgreSQL`. */
  name: string;
  /** URL schemes it opens, without `://`; `file` also takes plain paths. */
  schemes: readonly string[];
  open(reference: string, options: StoreBackendOptions): Promise<StoreBackend>;
}

const kinds = new Map<string, StoreBackendKind>();

export function registerStoreBackend(kind: StoreBackendKind): void {
  for (const scheme of kind.schemes) kinds.set(scheme.toLowerCase(), kind);
}

/** `postgres` for `postgres://…`; `file` for a path (a Windows drive letter is not a scheme). */
export function storeReferenceScheme(reference: string): string {
  const match = /^([a-z][a-z0-9+.-]+):\/\//i.exec(reference);
  return match ? match[1]!.toLowerCase() : 'file';
}

/** The backend that opens `reference`; AGENTLAB_STORE_OPEN_FAILED naming the known schemes when none does. */
export function storeBackendFor(reference: string): StoreBackendKind {
  const scheme = storeReferenceScheme(reference);
  const kind = kinds.get(scheme);
  if (kind) return kind;
  // Only the scheme is named: the rest of a URL may hold a password.
  throw storeOpenFailed(`${scheme}://…`, `no store backend takes ${scheme}:// URLs (known: ${[...kinds.keys()].map((known) => `${known}:`).join(', ')})`);
}

/** Opens the store `reference` names: AGENTLAB_STORE_URL, else `.agentlab/agentlab.db`, when not given. */
export async function openStoreBackend(reference: string = process.env.AGENTLAB_STORE_URL || defaultStorePath, options: StoreBackendOptions = {}): Promise<StoreBackend> {
  return storeBackendFor(reference).open(reference, options);
}
