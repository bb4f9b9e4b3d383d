// `agentlab summary`: the gates of a run already stored, without running it again; bad input is
// exit 2 with the store or run named, and a missing store file is never created by reading it.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { runRecorded } from '../test-support.js';
import { matrix, writeDataset } from './shard-test-support.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-summary-'));
  await writeDataset(directory);
  const made = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--run-id', 'night-1', '--store', 'runs.db'], { cwd: directory });
  expect(made.exitCode, made.errorOutput).toBe(0);
}, 60_000);
afterAll(() => rm(directory, { recursive: true, force: true }));

async function summary(arguments_: string[]) {
  return runRecorded(['summary', ...arguments_], { cwd: directory });
}

describe('agentlab summary', () => {
  it('gates the newest stored run as the eval did, and the same run by id prefix, writing JSON', async () => {
    const newest = await summary(['--store', 'runs.db', '--min-success', '0.1', '--json', 'report.json']);
    expect(newest.exitCode, newest.errorOutput).toBe(0);
    expect(newest.output).toContain('Run night-1');
    expect(newest.output).toContain('✓ complete: run night-1 completed');
    expect(existsSync(path.join(directory, 'report.json'))).toBe(true);
    const strict = await summary(['night', '--store', 'runs.db', '--min-success', '100%']);
    const store = openStore(path.join(directory, 'runs.db'));
    const allPassed = store.caseOutcomes('night-1').every((outcome) => outcome.status === 'pass');
    store.close();
    expect(strict.exitCode).toBe(allPassed ? 0 : 1);
    if (!allPassed) expect(strict.output).toContain('✗ min-success');
  });

  it('exits 2 naming a store file that is not there, without creating it, and a run the store does not hold', async () => {
    const absent = await summary(['--store', 'nowhere.db']);
    expect(absent.exitCode).toBe(2);
    expect(absent.errorOutput).toContain('nowhere.db: no such file');
    expect(existsSync(path.join(directory, 'nowhere.db'))).toBe(false);
    const unknown = await summary(['night-2', '--store', 'runs.db']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.errorOutput).toContain('night-2');
    const badRate = await summary(['--store', 'runs.db', '--min-success', '2']);
    expect(badRate.exitCode).toBe(2);
  });
});
