// Choosing a backend by the store reference: a path or file:// URL opens SQLite through the async
// adapter, AGENTLAB_STORE_URL is the default, and a scheme no backend takes is refused by its scheme
// alone (the rest of the URL may hold a password).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import './default-backends.js';
import { SqliteStoreBackend } from './sqlite-backend.js';
import { openStoreBackend, storeReferenceScheme } from './store-backends.js';
import { runRecord, temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();

afterEach(() => {
  vi.unstubAllEnvs();
  directories.removeAll();
});

describe('openStoreBackend', () => {
  it('opens a path or a file:// URL with SQLite, and both see the same runs', async () => {
    const path = join(directories.make(), 'nested', 'agentlab.db');
    const byPath = await openStoreBackend(path);
    expect(byPath).toBeInstanceOf(SqliteStoreBackend);
    expect(byPath.location).toBe(path);
    await byPath.createRun(runRecord());
    await byPath.close();
    const byUrl = await openStoreBackend(pathToFileURL(path).toString());
    expect((await byUrl.getRun('run-1'))?.datasetHash).toBe('hash-a');
    // The tables come through the adapter too, each call a promise.
    expect(await byUrl.approvals.pendingCount()).toBe(0);
    await byUrl.close();
    await expect(byUrl.approvals.pendingCount()).rejects.toMatchObject({ code: 'AGENTLAB_STORE_CLOSED' });
  });

  it('opens AGENTLAB_STORE_URL when no reference is given', async () => {
    const path = join(directories.make(), 'from-env.db');
    vi.stubEnv('AGENTLAB_STORE_URL', path);
    const store = await openStoreBackend();
    expect(store.location).toBe(path);
    await store.close();
  });

  it('refuses a scheme no backend takes, naming the scheme but not the rest of the URL', async () => {
    const failure = await openStoreBackend('mysql://root:hunter2@db.example/evals').catch((error: Error & { code?: string }) => error);
    expect(failure).toMatchObject({ code: 'AGENTLAB_STORE_OPEN_FAILED' });
    expect((failure as Error).message).toContain('mysql://');
    expect((failure as Error).message).toContain('file:');
    expect((failure as Error).message).not.toContain('hunter2');
  });

  it('opens postgres:// and postgresql:// URLs with PostgreSQL, whose failures name the host but not the password', async () => {
    for (const scheme of ['postgres', 'postgresql']) {
      const failure = await openStoreBackend(`${scheme}://agent:hunter2@127.0.0.1:1/evals`).catch((error: Error & { code?: string }) => error);
      expect(failure).toMatchObject({ code: 'AGENTLAB_STORE_OPEN_FAILED' });
      expect((failure as Error).message).toContain(`${scheme}://agent@127.0.0.1:1/evals`);
      expect((failure as Error).message).not.toContain('hunter2');
    }
  });

  it('reads the scheme of URLs and takes anything else for a path', () => {
    expect(storeReferenceScheme('postgres://u@h/d')).toBe('postgres');
    expect(storeReferenceScheme('PostgreSQL://u@h/d')).toBe('postgresql');
    expect(storeReferenceScheme('.agentlab/agentlab.db')).toBe('file');
    expect(storeReferenceScheme('C:\\runs\\agentlab.db')).toBe('file');
    expect(storeReferenceScheme(':memory:')).toBe('file');
  });
});
