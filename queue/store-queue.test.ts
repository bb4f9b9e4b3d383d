// The queue contract on the store backend, on both of the store's backends: every connection opens the
// same SQLite file in a temp folder, or the same PostgreSQL database (one made for each test on
// AGENTLAB_TEST_POSTGRES_URL's server, never skipped), as worker processes on several machines would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../store/test-fixtures.js';
import { openStoreQueue } from './store-queue.js';
import { describeQueueContract } from './test-support.js';

const folders: string[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  for (const database of databases) await database.drop();
});

describeQueueContract('the SQLite store', async (settings) => {
  const folder = mkdtempSync(join(tmpdir(), 'agentlab-queue-'));
  folders.push(folder);
  const storeReference = join(folder, 'agentlab.db');
  return {
    connect: async () => openStoreQueue({ storeReference, ...settings }),
    childOptions: { storeReference },
  };
});

describeQueueContract('the PostgreSQL store', async (settings) => {
  const database = await createTestDatabase('agentlab_queue');
  databases.push(database);
  return {
    connect: async () => openStoreQueue({ storeReference: database.url, ...settings }),
    childOptions: { storeReference: database.url },
  };
});
