// The store a command works on, as `--store <path|url>` names it: the option, else AGENTLAB_STORE_URL,
// else .agentlab/agentlab.db; a path is taken from the working directory, a URL (postgres://…) as it is.
// A database that cannot be reached is AGENTLAB_STORE_OPEN_FAILED naming it without its password (exit 2).
import { resolveStoreReference } from '../eval/index.js';
import { defaultStorePath, openStoreBackend, storeReferenceScheme, type StoreBackend } from '../store/index.js';
import type { CliContext } from './cli-context.js';

/** The --store option's help, the same for every command that takes it. */
export function storeOptionHelp(what: string): string {
  return `SQLite file or postgres:// URL ${what} (default: AGENTLAB_STORE_URL, else ${defaultStorePath})`;
}

export function openCommandStore(given: string | undefined, context: Pick<CliContext, 'cwd' | 'env'>): Promise<StoreBackend> {
  return openStoreBackend(resolveStoreReference(given ?? (context.env.AGENTLAB_STORE_URL || defaultStorePath), context.cwd));
}

/**
 * ` --store "…"` for a command printed for the user to run next: nothing when --store was not given
 * (AGENTLAB_STORE_URL or the default applies again), a path as given, a URL as the opened store names
 * it, without its password.
 */
export function storeFlag(given: string | undefined, store: Pick<StoreBackend, 'location'>): string {
  if (given === undefined || given === defaultStorePath) return '';
  return ` --store ${JSON.stringify(storeReferenceScheme(given) === 'file' ? given : store.location)}`;
}
