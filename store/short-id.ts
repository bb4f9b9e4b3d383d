// Ids a person types: 8 hex characters (approvals, reviews), resolved from any unique prefix.
import { randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { idAmbiguous } from './human-loop-errors.js';
import type { StoreError } from './errors.js';

export function newShortId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * The one id equal to `idOrPrefix`, or the only one starting with it. `byPrefix` selects `id` for
 * `id >= ? AND id < ?` with a limit of at least 2. Throws `notFound(idOrPrefix)` or AGENTLAB_ID_AMBIGUOUS.
 */
export function resolveShortId(idOrPrefix: string, kind: string, byPrefix: Statement<[string, string]>, notFound: (idOrPrefix: string) => StoreError): string {
  const prefix = idOrPrefix.trim();
  if (prefix === '') throw notFound(idOrPrefix);
  // A range scan on the primary key: every id starting with the prefix sorts between it and prefix + U+FFFF.
  const ids = (byPrefix.all(prefix, `${prefix}\uffff`) as Array<{ id: string }>).map((row) => row.id);
  if (ids.includes(prefix)) return prefix;
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0) throw notFound(idOrPrefix);
  throw idAmbiguous(kind, prefix, ids);
}
