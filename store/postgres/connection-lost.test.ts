// A PostgreSQL server that stops answering after the store opened: reads fail with
// AGENTLAB_STORE_UNAVAILABLE naming the store (never its password), writes with AGENTLAB_STORE_WRITE_FAILED
// carrying it as the cause. The server here is a throwaway cluster of its own, stopped mid-test.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { normalizeSpans } from '../../tracing/index.js';
import { runRecord } from '../test-fixtures.js';
import { isConnectionLost } from './connection-lost.js';
import { openPostgresStore } from './open-postgres-store.js';

let services: { directory: string; postgresUrl?: string; unavailable: { postgres?: string } } | undefined;

function stopServer(): void {
  if (services) execFileSync(process.execPath, ['scripts/test-services.mjs', 'stop', services.directory]);
  services = undefined;
}

beforeAll(() => {
  services = JSON.parse(execFileSync(process.execPath, ['scripts/test-services.mjs', 'start', 'postgres'], { encoding: 'utf8' }));
});

afterAll(stopServer);

it('reports a server that stopped answering as AGENTLAB_STORE_UNAVAILABLE, naming the store without its password', async () => {
  if (!services?.postgresUrl) throw new Error(`A PostgreSQL server of its own could not be started: ${services?.unavailable.postgres ?? 'no reason given'}`);
  const url = new URL(services.postgresUrl);
  url.password = 'hunter2';
  const store = await openPostgresStore(url.toString());
  await store.createRun(runRecord());
  stopServer();
  const read = await store.getRun('run-1').catch((error: unknown) => error);
  expect(read).toMatchObject({ code: 'AGENTLAB_STORE_UNAVAILABLE', message: expect.stringContaining(`postgres://agentlab@127.0.0.1:${url.port}/postgres`) });
  expect((read as Error).message).not.toContain('hunter2');
  const span = { traceId: 't', spanId: 's', name: 'n', kind: 'internal' as const, startTimeMs: 1, endTimeMs: 2, durationMs: 1, status: { code: 'unset' as const }, attributes: {}, events: [], serviceName: 'svc', scope: 'scope' };
  const write = await store.writeSpans(normalizeSpans([span])).catch((error: unknown) => error);
  expect(write).toMatchObject({ code: 'AGENTLAB_STORE_WRITE_FAILED', cause: { code: 'AGENTLAB_STORE_UNAVAILABLE' } });
  await store.close().catch(() => {});
  expect(store.isOpen).toBe(false);
});

it('tells a lost connection from an error of the query', () => {
  expect(isConnectionLost(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
  expect(isConnectionLost(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
  expect(isConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true);
  expect(isConnectionLost(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
  expect(isConnectionLost(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
});
