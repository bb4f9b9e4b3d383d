// Positional parameters ($1, $2…) collected while a query's text is put together, so conditions that
// depend on the filters given number their values correctly.

export class SqlParameters {
  readonly values: unknown[] = [];

  /** Adds the value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `WHERE a AND b` over the conditions of the filters that are set; '' when none is. */
export function whereSql(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** An integer-or-boolean SQL condition summed as 0/1 (SQLite's `SUM(status = 'pass')`). */
export function countWhere(condition: string): string {
  return `COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;
}

/** `%text%` with LIKE's wildcards and its escape character taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * PostgreSQL's text cannot hold U+0000, which model output and foreign spans may carry: it is written as
 * U+FFFD (the replacement character), so the row is kept rather than its whole batch refused.
 */
export function storableText<T>(value: T): T {
  return (typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value) as T;
}
