// Facts about a store file read beside the Store, which has no size or count query of its own:
// where its bytes go (from SQLite's dbstat table: the case results with their indexes and the per-run
// totals, the spans with theirs) and how many spans it holds. Opened read-only, only to measure.
import BetterSqlite3 from 'better-sqlite3';

export interface StoreSize {
  caseResultBytes: number;
  spanBytes: number;
  otherBytes: number;
}

const caseResultObjects = new Set(['case_results', 'run_group_totals', 'runs']);

export function storeSize(path: string): StoreSize {
  const database = new BetterSqlite3(path, { readonly: true });
  try {
    const objects = database.prepare('SELECT name, tbl_name AS owner FROM sqlite_schema WHERE type IN (\'table\', \'index\')').all() as Array<{ name: string; owner: string }>;
    const ownerOf = new Map(objects.map((object) => [object.name, object.owner]));
    const sizes = database.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{ name: string; bytes: number }>;
    const size: StoreSize = { caseResultBytes: 0, spanBytes: 0, otherBytes: 0 };
    for (const { name, bytes } of sizes) {
      // Automatic indexes (UNIQUE constraints) are named sqlite_autoindex_<table>_<n>.
      const owner = ownerOf.get(name) ?? /^sqlite_autoindex_(.+)_\d+$/.exec(name)?.[1] ?? name;
      if (owner === 'spans') size.spanBytes += bytes;
      else if (caseResultObjects.has(owner)) size.caseResultBytes += bytes;
      else size.otherBytes += bytes;
    }
    return size;
  } finally {
    database.close();
  }
}

/** How many spans the file holds, read beside the Store (which has no count query). */
export function storedSpanCount(path: string): number {
  const database = new BetterSqlite3(path, { readonly: true });
  try {
    return (database.prepare('SELECT COUNT(*) AS count FROM spans').get() as { count: number }).count;
  } finally {
    database.close();
  }
}
