// Opens the `pg` pool behind a PostgreSQL store and checks, before anything else, that the server
// answers and is recent enough. Every failure is AGENTLAB_STORE_OPEN_FAILED naming the database as
// `postgres://user@host:port/database`, never with its password, and what went wrong.
import pg from 'pg';
import type { Pool } from 'pg';
import { storeOpenFailed } from '../errors.js';
import { connectTimeoutMs, minimumServerVersion, poolSize } from './constants.js';
import { describeDatabaseUrl } from './database-url.js';

const int8Oid = 20;
const numericOid = 1700;

/**
 * Counts, sums and times come back as numbers, as they do from SQLite: int8 (COUNT, SUM of integers,
 * bigint times) and numeric (SUM of bigints) would otherwise be strings. They stay below 2^53.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === int8Oid || oid === numericOid) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** A reason a person can act on, from a connection error. */
function describeConnectFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return 'connection refused (is PostgreSQL running and listening on that host and port?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return `no answer within ${connectTimeoutMs / 1000} s`;
  if (code === '28P01' || code === '28000') return `authentication failed (${message})`;
  if (code === '3D000') return `the database does not exist (${message}): create it first`;
  return message;
}

/** 150004 → 15.4; 90624 → 9.6.24 (before 10, the major had two parts). */
function serverVersionName(versionNumber: number): string {
  if (versionNumber >= 100_000) return `${Math.floor(versionNumber / 10_000)}.${versionNumber % 10_000}`;
  return `${Math.floor(versionNumber / 10_000)}.${Math.floor(versionNumber / 100) % 100}.${versionNumber % 100}`;
}

/** A pool whose server answered and is PostgreSQL 12 or later. */
export async function openPool(url: string): Promise<Pool> {
  const where = describeDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: connectTimeoutMs, types });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  let versionNumber: number;
  try {
    const result = await pool.query<{ server_version_num: string }>('SHOW server_version_num');
    versionNumber = Number(result.rows[0]?.server_version_num);
  } catch (error) {
    await pool.end().catch(() => {});
    throw storeOpenFailed(where, describeConnectFailure(error), error);
  }
  try {
    assertServerVersion(versionNumber, where);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return pool;
}

/** AGENTLAB_STORE_OPEN_FAILED naming the server's version when it is older than `minimumServerVersion`. */
export function assertServerVersion(versionNumber: number, where: string): void {
  if (versionNumber >= minimumServerVersion) return;
  const found = Number.isFinite(versionNumber) ? `PostgreSQL ${serverVersionName(versionNumber)}` : 'of an unknown version';
  throw storeOpenFailed(where, `the server is ${found}, older than PostgreSQL ${serverVersionName(minimumServerVersion)}, the oldest agentlab supports`);
}
