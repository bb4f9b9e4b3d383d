// store/short-id.ts's resolution on PostgreSQL: the one id equal to a prefix, or the only one starting
// with it (a range scan of the primary key, which compares bytes).
import type { StoreError } from '../errors.js';
import { idAmbiguous } from '../human-loop-errors.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';

/** `table` comes from code, never from input. Throws `notFound(idOrPrefix)` or AGENTLAB_ID_AMBIGUOUS. */
export async function resolveShortId(database: Queryable, table: string, idOrPrefix: string, kind: string, notFound: (idOrPrefix: string) => StoreError): Promise<string> {
  const prefix = idOrPrefix.trim();
  if (prefix === '') throw notFound(idOrPrefix);
  const found = await rows<{ id: string }>(database, `SELECT id FROM ${table} WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 10`, [prefix, `${prefix}\uffff`]);
  const ids = found.map((row) => row.id);
  if (ids.includes(prefix)) return prefix;
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0) throw notFound(idOrPrefix);
  throw idAmbiguous(kind, prefix, ids);
}
