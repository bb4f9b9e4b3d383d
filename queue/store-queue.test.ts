// The queue contract on the store backend: every connection opens the same SQLite file in a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { StoreQueue } from './store-queue.js';
import { describeQueueContract } from './test-support.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describeQueueContract('the SQLite store', async (settings) => {
  const folder = mkdtempSync(join(tmpdir(), 'agentlab-queue-'));
  folders.push(folder);
  const path = join(folder, 'agentlab.db');
  return {
    connect: async () => new StoreQueue({ path, ...settings }),
    childOptions: { path },
  };
});
