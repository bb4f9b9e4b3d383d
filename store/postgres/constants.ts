// Defaults of the PostgreSQL backend, in one place.

/** The oldest server the schema and queries are written for (server_version_num): PostgreSQL 12. */
export const minimumServerVersion = 120_000;
/** Connections the store's pool may open. */
export const poolSize = 10;
/** How long opening the store waits for the server to accept a connection. */
export const connectTimeoutMs = 10_000;
/** Taken for the length of the migrating transaction, so two processes opening a new database do not both create tables. */
export const migrationLockKey = 'agentlab store migrations';
/** How many times a write PostgreSQL rolled back as a deadlock's victim or a serialization failure is tried again. */
export const conflictRetries = 3;
