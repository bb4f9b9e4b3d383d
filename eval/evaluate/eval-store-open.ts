// The store an eval writes into: a reference (`--store`, AGENTLAB_STORE_URL, else .agentlab/agentlab.db)
// opened on the backend its scheme names (a path: SQLite; postgres://: PostgreSQL), or a store the caller
// holds. Memory and lessons still read the synchronous SQLite Store (agents/memory, agents/review): on
// another backend an eval that needs them is refused before anything runs, naming the option, rather
// than run without them.
import path from 'node:path';
import type { EvalLessons, EvalMemory, EvalMemorySettings } from '../../agents/index.js';
import type { ModelProvider } from '../../models/index.js';
import { defaultStorePath, openStoreBackend, SqliteStoreBackend, Store, storeReferenceScheme, type StoreBackend } from '../../store/index.js';
import { EvalError } from '../errors.js';

type StoreOption = string | Store | StoreBackend | (() => Store | StoreBackend | Promise<Store | StoreBackend>) | undefined;

/** A path is taken from `cwd`; a URL (postgres://…, file://…) as it is. */
export function resolveStoreReference(reference: string, cwd: string): string {
  return storeReferenceScheme(reference) === 'file' && !reference.startsWith('file:') ? path.resolve(cwd, reference) : reference;
}

function asBackend(store: Store | StoreBackend): StoreBackend {
  return store instanceof Store ? new SqliteStoreBackend(store) : store;
}

export async function openEvalStore(option: StoreOption, where: { cwd: string; env: Readonly<Record<string, string | undefined>> }): Promise<StoreBackend> {
  if (typeof option === 'function') return asBackend(await option());
  if (option !== undefined && typeof option !== 'string') return asBackend(option);
  return openStoreBackend(resolveStoreReference(option ?? (where.env.AGENTLAB_STORE_URL || defaultStorePath), where.cwd));
}

function unsupported(option: string, store: StoreBackend, what: string, instead: string): EvalError {
  return new EvalError('AGENTLAB_STORE_OPTION_UNSUPPORTED', `${option} need${option.startsWith('--') ? 's' : ''} a SQLite store for now (${what}); ${store.location} is not one: ${instead}, or use --store <file.db>`);
}

/** Binds the eval's memory to the store; refused on a store that is not SQLite. */
export function attachMemory(memory: EvalMemory, store: StoreBackend, settings: EvalMemorySettings): void {
  if (store instanceof SqliteStoreBackend) return memory.attach(store.store);
  const option = settings.tools ? '--memory' : '--episodes';
  throw unsupported(option, store, 'long-term and episodic memory are kept in SQLite', `run without ${option}`);
}

/**
 * Lessons on SQLite as before. On another backend: a namespace that holds no lesson means cells run
 * without lessons, as they would on SQLite; one that holds lessons is refused, since they cannot be recalled.
 */
export async function attachLessons(lessons: EvalLessons, store: StoreBackend, provider: ModelProvider): Promise<void> {
  if (store instanceof SqliteStoreBackend) return lessons.attach(store.store, provider);
  const held = await store.episodes.list({ namespace: lessons.namespace, withLessonsOnly: true, limit: 1 });
  if (held.length === 0) return;
  throw unsupported('lessons', store, `namespace ${lessons.namespace} holds lessons, and they are recalled from SQLite only`, 'run with --no-lessons');
}
