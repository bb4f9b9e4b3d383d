// What the tables run their SQL on: the pool, or one client inside a transaction.
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { conflictRetries } from './constants.js';

export type Queryable = Pick<Pool | PoolClient, 'query'>;

/** The pool as the tables use it: queries, and a client for a transaction. */
export type Connections = Pick<Pool, 'query' | 'connect'>;

/** The rows of a query, typed by the caller. */
export async function rows<Row extends QueryResultRow>(database: Queryable, sql: string, values: readonly unknown[] = []): Promise<Row[]> {
  return (await database.query<Row>(sql, values as unknown[])).rows;
}

/** Runs `work` in one transaction on one client of the pool: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: Connections, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Runs `write`, again when PostgreSQL rolled it back as a deadlock's victim (40P01) or a serialization
 * failure (40001): the other writer has gone on by then, so the next try gets through.
 */
export async function retryingConflicts<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= conflictRetries || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}
