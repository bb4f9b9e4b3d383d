// The report server when its PostgreSQL store stops answering after it started: pages and their JSON
// twins answer 503 AGENTLAB_STORE_UNAVAILABLE naming the store without its password (a person can tell
// the database is down, not the server broken), and the OTLP receiver answers 503, which exporters
// retry. The server here is a throwaway cluster of its own, stopped mid-test.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStoreBackend } from '../store/index.js';
import type { StoreBackend } from '../store/index.js';
import { runRecord } from '../store/test-fixtures.js';
import { buildApp } from './app.js';

let services: { directory: string; postgresUrl?: string; unavailable: { postgres?: string } } | undefined;

function stopServer(): void {
  if (services) execFileSync(process.execPath, ['scripts/test-services.mjs', 'stop', services.directory]);
  services = undefined;
}

beforeAll(() => {
  services = JSON.parse(execFileSync(process.execPath, ['scripts/test-services.mjs', 'start', 'postgres'], { encoding: 'utf8' }));
}, 60_000);

afterAll(stopServer);

it('answers 503 naming the store, never its password, once PostgreSQL stops answering', async () => {
  if (!services?.postgresUrl) throw new Error(`A PostgreSQL server of its own could not be started: ${services?.unavailable.postgres ?? 'no reason given'}`);
  const url = new URL(services.postgresUrl);
  url.password = 'hunter2-secret';
  const store: StoreBackend = await openStoreBackend(url.toString());
  const app = buildApp({ store });
  try {
    await store.createRun(runRecord({ id: 'run-before' }));
    expect((await app.inject({ method: 'GET', url: '/api/runs/run-before' })).statusCode).toBe(200);
    stopServer();
    const api = await app.inject({ method: 'GET', url: '/api/runs' });
    expect(api.statusCode).toBe(503);
    const { error } = api.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('AGENTLAB_STORE_UNAVAILABLE');
    expect(error.message).toContain(`postgres://agentlab@127.0.0.1:${url.port}/postgres`);
    expect(error.message).not.toContain('hunter2-secret');
    const page = await app.inject({ method: 'GET', url: '/runs/run-before' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain(`127.0.0.1:${url.port}`);
    expect(page.body).not.toContain('hunter2-secret');
    const otlp = await app.inject({
      method: 'POST',
      url: '/v1/traces',
      headers: { 'content-type': 'application/json' },
      payload: { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', name: 'chat', startTimeUnixNano: '1', endTimeUnixNano: '2' }] }] }] },
    });
    expect(otlp.statusCode).toBe(503);
    expect(otlp.body).not.toContain('hunter2-secret');
  } finally {
    await app.close();
    await store.close().catch(() => {});
  }
}, 60_000);
