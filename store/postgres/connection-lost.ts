// Telling a database that stopped answering (refused, reset, shut down, timed out) from an error of the
// query itself, so a store can say which it was: AGENTLAB_STORE_UNAVAILABLE naming the store.
import type { Pool, PoolClient } from 'pg';
import { storeUnavailable } from '../errors.js';

const lostCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03']);

export function isConnectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (lostCodes.has(code) || code.startsWith('08'))) return true;
  const message = error instanceof Error ? error.message : '';
  return /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
}

/** The error as the store reports it: AGENTLAB_STORE_UNAVAILABLE when the server stopped answering, else as it was. */
export function describeLost(location: string, error: unknown): unknown {
  return isConnectionLost(error) ? storeUnavailable(location, error) : error;
}

const describedClients = new WeakSet<PoolClient>();

/** The pool's clients' queries report a lost server as describeLost does (each client is wrapped once; the pool reuses them). */
export async function connectDescribed(pool: Pool, location: string): Promise<PoolClient> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw describeLost(location, error);
  }
  if (!describedClients.has(client)) {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const result = query(...args);
      return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(describeLost(location, error))) : result;
    }) as PoolClient['query'];
    describedClients.add(client);
  }
  return client;
}
