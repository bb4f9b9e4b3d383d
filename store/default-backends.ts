// The store backends agentlab ships, registered once when store/ is first imported.
import { sqliteStoreBackend } from './sqlite-backend.js';
import { registerStoreBackend } from './store-backends.js';

registerStoreBackend(sqliteStoreBackend);
