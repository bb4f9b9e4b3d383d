// Prepared statements keyed by their SQL, so queries whose WHERE clause depends on the filters given
// are still prepared once per shape rather than on every call.
import type { Database, Statement } from 'better-sqlite3';

export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly database: Database) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.database.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

export type QueryParameters = Record<string, string | number>;

/** `column = @name` for each filter that is set; the SQL text depends only on which are set. */
export function whereClause(conditions: Array<[sql: string, name: string, value: string | number | undefined]>): { sql: string; parameters: QueryParameters } {
  const parts: string[] = [];
  const parameters: QueryParameters = {};
  for (const [sql, name, value] of conditions) {
    if (value === undefined) continue;
    parts.push(sql);
    parameters[name] = value;
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', parameters };
}
