// The store backends agentlab ships, registered once when store/ is first imported: SQLite for paths
// and file:// URLs, PostgreSQL for postgres:// and postgresql:// (its `pg` client loaded only then).
import { postgresStoreBackend } from './postgres-backend.js';
import { sqliteStoreBackend } from './sqlite-backend.js';
import { registerStoreBackend } from './store-backends.js';

registerStoreBackend(sqliteStoreBackend);
registerStoreBackend(postgresStoreBackend);
