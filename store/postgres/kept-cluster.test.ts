// The PostgreSQL cluster scripts/test-services.mjs keeps in a folder between runs (`start --keep`), as
// the benchmarks keep the year of report data written into it: what was written is there after a stop
// and a start, and a second start while it runs is refused without stopping the first.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { withPostgresClient } from './scratch-database.js';

const folder = mkdtempSync(path.join(tmpdir(), 'agentlab-kept-cluster-'));
const keep = (command: 'start' | 'stop') =>
  spawnSync(process.execPath, ['scripts/test-services.mjs', command, '--keep', folder, ...(command === 'start' ? ['postgres'] : [])], { encoding: 'utf8' });

function start(): string {
  const started = keep('start');
  const { postgresUrl, unavailable } = JSON.parse(started.stdout) as { postgresUrl?: string; unavailable: { postgres?: string } };
  if (!postgresUrl) throw new Error(`the kept cluster did not start: ${unavailable.postgres ?? started.stderr}`);
  return postgresUrl;
}

async function query(url: string, sql: string): Promise<unknown[]> {
  return withPostgresClient(url, async (client) => (await client.query(sql)).rows);
}

afterAll(() => {
  keep('stop');
  rmSync(folder, { recursive: true, force: true });
});

it('keeps what was written across a stop and a start, and refuses a second start while it runs', async () => {
  const first = start();
  await query(first, 'CREATE TABLE kept (note text)');
  await query(first, "INSERT INTO kept VALUES ('written before the stop')");
  execFileSync(process.execPath, ['scripts/test-services.mjs', 'stop', '--keep', folder]);

  const second = start();
  expect(await query(second, 'SELECT note FROM kept')).toEqual([{ note: 'written before the stop' }]);

  const again = keep('start');
  const refused = JSON.parse(again.stdout) as { postgresUrl?: string; unavailable: { postgres?: string } };
  expect(refused.postgresUrl).toBeUndefined();
  expect(refused.unavailable.postgres).toMatch(/is running already \(pid \d+\): another benchmark is using it/);
  // The refused start left the running cluster alone.
  expect(await query(second, 'SELECT count(*)::int AS notes FROM kept')).toEqual([{ notes: 1 }]);
});
