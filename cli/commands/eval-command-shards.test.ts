// `agentlab eval --run-id <id> --shard i/n`: n processes writing one run into one SQLite file at once
// (as n CI jobs would on a shared store) make one completed run equal, cell for cell, to the run one
// process makes of the whole matrix; a shard whose matrix differs is refused before anything is
// written; a shard killed mid-way leaves the run interrupted until that shard is run again.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { runRecorded } from '../test-support.js';
import { cellCount, matrix, readStoredRun, writeDataset, type StoredRunView } from './shard-test-support.js';

// The compiled command (node scripts/build.mjs): four processes compiling the sources with tsx on a
// busy machine can outlast a tool's 10 s timeout, and a timed-out tool call changes a cell's result.
const binary = fileURLToPath(new URL('../../bin/agentlab.js', import.meta.url));
/** Processes started from the sources on a machine shared with other work take their time. */
const slow = { timeout: 180_000 };
let directory: string;
let whole: StoredRunView;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-eval-shards-'));
  await writeDataset(directory);
  const made = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--store', 'whole.db'], { cwd: directory });
  expect(made.exitCode, made.errorOutput).toBe(0);
  whole = await readStoredRun(path.join(directory, 'whole.db'));
}, 60_000);
afterAll(() => rm(directory, { recursive: true, force: true }));

interface Exited {
  code: number | null;
  errorOutput: string;
}

/** The agentlab command in its own process, so shards really run side by side. */
function agentlab(arguments_: string[]): { exited: Promise<Exited>; kill: () => void; errorOutput: () => string } {
  const child = spawn(process.execPath, [binary, ...arguments_], { cwd: directory, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let errorOutput = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errorOutput += chunk));
  const exited = new Promise<Exited>((resolve) => child.on('exit', (code) => resolve({ code, errorOutput })));
  return { exited, kill: () => child.kill('SIGKILL'), errorOutput: () => errorOutput };
}

describe('agentlab eval --run-id --shard', () => {
  it('four shard processes at once on one SQLite file make one completed run equal to the unsharded run', slow, async () => {
    const shards = [1, 2, 3, 4].map((index) => agentlab(['eval', 'cases.jsonl', ...matrix, '--shard', `${index}/4`, '--run-id', 'ci-7', '--store', 'shared.db']));
    const exits = await Promise.all(shards.map((shard) => shard.exited));
    for (const exit of exits) expect(exit.code, exit.errorOutput).toBe(0);
    // Exactly one shard completed the run and decided its gates; the others said what they waited on.
    expect(exits.filter((exit) => /completed run ci-7/.test(exit.errorOutput))).toHaveLength(1);

    const shared = await readStoredRun(path.join(directory, 'shared.db'), 'ci-7');
    expect(shared.status).toBe('completed');
    expect(shared.shards).toEqual([[1, 4, 'completed'], [2, 4, 'completed'], [3, 4, 'completed'], [4, 4, 'completed']]);
    expect(shared.cells).toHaveLength(cellCount);
    expect(shared.cells).toEqual(whole.cells);
    expect(shared.summary).toEqual(whole.summary);
    const summary = await runRecorded(['summary', 'ci-7', '--store', 'shared.db', '--min-success', '0.1'], { cwd: directory });
    expect(summary.exitCode, summary.errorOutput).toBe(0);
    expect(summary.output).toContain('✓ complete: run ci-7 completed');
  });

  it('refuses a shard whose seed or models differ from the run, naming what differs, and writes nothing', slow, async () => {
    const first = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--shard', '1/2', '--run-id', 'ci-8', '--store', 'refusals.db'], { cwd: directory });
    expect(first.exitCode, first.errorOutput).toBe(0);
    const seed = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--seed', '99', '--shard', '2/2', '--run-id', 'ci-8', '--store', 'refusals.db'], { cwd: directory });
    expect(seed.exitCode).toBe(2);
    expect(seed.errorOutput).toMatch(/shard 2\/2 cannot join run ci-8 in .*refusals\.db: .*seed: 1 vs 99/);
    const models = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--models', 'sim:strong', '--shard', '2/2', '--run-id', 'ci-8', '--store', 'refusals.db'], { cwd: directory });
    expect(models.exitCode).toBe(2);
    expect(models.errorOutput).toContain('models: ["sim:strong","sim:weak"] vs ["sim:strong"]');
    const count = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--shard', '2/3', '--run-id', 'ci-8', '--store', 'refusals.db'], { cwd: directory });
    expect(count.exitCode).toBe(2);
    expect(count.errorOutput).toContain('shard count: 2 vs 3');
    const resume = await runRecorded(['eval', '--resume', 'ci-8', '--store', 'refusals.db'], { cwd: directory });
    expect(resume.exitCode).toBe(2);
    expect(resume.errorOutput).toContain('--run-id ci-8 --shard <i>/2');

    const store = openStore(path.join(directory, 'refusals.db'));
    try {
      expect(store.getRun('ci-8')?.status).toBe('interrupted');
      expect(store.runShards('ci-8').map((shard) => shard.index)).toEqual([1]);
      expect(store.caseResults('ci-8')).toHaveLength(cellCount / 2);
    } finally {
      store.close();
    }
  });

  it('a shard killed mid-way leaves the run interrupted; run again, it resumes and completes the run', slow, async () => {
    const other = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--shard', '2/2', '--run-id', 'ci-9', '--store', 'killed.db'], { cwd: directory });
    expect(other.exitCode, other.errorOutput).toBe(0);
    expect(other.errorOutput).toContain('1 not started');
    const killed = agentlab(['eval', 'cases.jsonl', '--agents', 'react', '--models', 'sim:strong,sim:weak', '--epochs', '2', '--latency', '300', '--concurrency', '1', '--shard', '1/2', '--run-id', 'ci-9', '--store', 'killed.db']);
    while (!/progress: [1-5]\/6 /.test(killed.errorOutput())) await new Promise((resolve) => setTimeout(resolve, 20));
    killed.kill();
    await killed.exited;
    const interrupted = await readStoredRun(path.join(directory, 'killed.db'), 'ci-9');
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.shards).toEqual([[1, 2, 'interrupted'], [2, 2, 'completed']]);
    const gated = await runRecorded(['summary', 'ci-9', '--store', 'killed.db'], { cwd: directory });
    expect(gated.exitCode).toBe(1);
    expect(gated.output).toMatch(/✗ complete: run ci-9 is interrupted \(shards 2 completed; 1 interrupted\)/);

    const again = await runRecorded(['eval', 'cases.jsonl', ...matrix, '--shard', '1/2', '--run-id', 'ci-9', '--store', 'killed.db'], { cwd: directory });
    expect(again.exitCode, again.errorOutput).toBe(0);
    const completed = await readStoredRun(path.join(directory, 'killed.db'), 'ci-9');
    expect(completed.status).toBe('completed');
    expect(completed.cells).toEqual(whole.cells);
  });
});
