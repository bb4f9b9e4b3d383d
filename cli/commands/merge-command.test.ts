// `agentlab merge`: the store files of four CI shards make one run equal, cell for cell and in its
// summary, to the run one process makes of the whole matrix, with the results' traces; files that are
// not the shards of one run (another seed, dataset or matrix, a shard twice, a shard missing) are
// refused with exit 2, naming the file, and the target is left as it was.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { runRecorded } from '../test-support.js';
import { cellCount, matrix, readStoredRun, writeDataset, type StoredRunView } from './shard-test-support.js';

let directory: string;
let whole: StoredRunView;
const shardFiles = ['shard-1.db', 'shard-2.db', 'shard-3.db', 'shard-4.db'];

async function agentlab(arguments_: string[]) {
  return runRecorded(arguments_, { cwd: directory });
}

async function evalShard(file: string, shard: string, extra: string[] = [], dataset = 'cases.jsonl'): Promise<void> {
  const made = await agentlab(['eval', dataset, ...matrix, '--shard', shard, '--store', file, ...extra]);
  expect(made.exitCode, made.errorOutput).toBe(0);
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-merge-'));
  await writeDataset(directory);
  await writeDataset(directory, 'changed.jsonl', '\n');
  const made = await agentlab(['eval', 'cases.jsonl', ...matrix, '--store', 'whole.db']);
  expect(made.exitCode, made.errorOutput).toBe(0);
  whole = await readStoredRun(path.join(directory, 'whole.db'));
  for (const [position, file] of shardFiles.entries()) await evalShard(file, `${position + 1}/4`);
  await evalShard('seed-4.db', '4/4', ['--seed', '99']);
  await evalShard('models-4.db', '4/4', ['--models', 'sim:strong']);
  await evalShard('dataset-4.db', '4/4', [], 'changed.jsonl');
  await copyFile(path.join(directory, 'shard-1.db'), path.join(directory, 'copy-of-1.db'));
}, 120_000);
afterAll(() => rm(directory, { recursive: true, force: true }));

describe('agentlab merge', () => {
  it('merges four shard files into one completed run equal to the unsharded run, traces included', async () => {
    const merged = await agentlab(['merge', ...shardFiles, '--into', 'all.db', '--run-id', 'nightly-1']);
    expect(merged.exitCode, merged.errorOutput).toBe(0);
    expect(merged.output).toContain(`Merged 4 of 4 shards into run nightly-1 in all.db: ${cellCount} results`);

    const run = await readStoredRun(path.join(directory, 'all.db'), 'nightly-1');
    expect(run.status).toBe('completed');
    expect(run.shards).toEqual([[1, 4, 'completed'], [2, 4, 'completed'], [3, 4, 'completed'], [4, 4, 'completed']]);
    expect(run.cells).toEqual(whole.cells);
    expect(run.summary).toEqual(whole.summary);

    const store = openStore(path.join(directory, 'all.db'));
    try {
      const result = store.caseResults('nightly-1')[0]!;
      const spans = store.spans(result.traceId!);
      expect(spans.length).toBeGreaterThan(0);
      // The trace page finds the verdict by the run its spans name: the merged run's now.
      expect(store.traceCaseResult({ runId: 'nightly-1', caseId: result.caseId, traceId: result.traceId!, epoch: result.epoch, agent: result.agent })?.status).toBe(result.status);
      expect(store.datasetCase(store.getRun('nightly-1')!.datasetHash, result.caseId)?.id).toBe(result.caseId);
    } finally {
      store.close();
    }

    const summary = await agentlab(['summary', 'nightly-1', '--store', 'all.db', '--min-success', '0.1', '--markdown', 'summary.md', '--junit', 'junit.xml']);
    expect(summary.exitCode, summary.errorOutput).toBe(0);
    expect(existsSync(path.join(directory, 'summary.md'))).toBe(true);
    expect(existsSync(path.join(directory, 'junit.xml'))).toBe(true);
    // The JSON reports agree on everything but the run record and what is measured rather than derived.
    const wholeReport = await agentlab(['summary', '--store', 'whole.db', '--min-success', '0.1', '--json', 'whole.json']);
    expect(wholeReport.exitCode, wholeReport.errorOutput).toBe(0);
    const mergedReport = await agentlab(['summary', 'nightly-1', '--store', 'all.db', '--min-success', '0.1', '--json', 'merged.json']);
    expect(mergedReport.exitCode, mergedReport.errorOutput).toBe(0);
    const mergedJson = (await comparableReport('merged.json')) as { results: unknown[]; gates: unknown[] };
    expect(mergedJson.results).toHaveLength(cellCount);
    expect(mergedJson).toEqual(await comparableReport('whole.json'));
    const unreachable = await agentlab(['summary', 'nightly-1', '--store', 'all.db', '--min-success', '1']);
    expect(unreachable.exitCode).toBe(whole.cells.every((cell) => cell.status === 'pass') ? 0 : 1);
  });

  it.each([
    ['seed-4.db', 'seed: 1 vs 99'],
    ['models-4.db', 'models: ["sim:strong","sim:weak"] vs ["sim:strong"]'],
    ['dataset-4.db', 'changed.jsonl (sha256 '],
  ])('refuses %s, a shard of another run, naming it and what differs, before writing anything', async (file, difference) => {
    const refused = await agentlab(['merge', 'shard-1.db', 'shard-2.db', 'shard-3.db', file, '--into', 'refused.db']);
    expect(refused.exitCode).toBe(2);
    expect(refused.errorOutput).toContain(`${file} (run `);
    expect(refused.errorOutput).toContain(difference);
    expect(existsSync(path.join(directory, 'refused.db'))).toBe(false);
  });

  it('refuses a shard given twice and shards missing, naming them, and leaves an existing target as it was', async () => {
    const existing = await agentlab(['merge', 'shard-1.db', 'shard-2.db', '--into', 'existing.db', '--allow-partial']);
    expect(existing.exitCode, existing.errorOutput).toBe(0);
    const runsBefore = readRuns('existing.db');

    const twice = await agentlab(['merge', 'shard-1.db', 'copy-of-1.db', 'shard-2.db', 'shard-3.db', 'shard-4.db', '--into', 'existing.db']);
    expect(twice.exitCode).toBe(2);
    expect(twice.errorOutput).toContain('shard 1/4 is in both shard-1.db and copy-of-1.db');
    const missing = await agentlab(['merge', 'shard-1.db', 'shard-3.db', '--into', 'existing.db']);
    expect(missing.exitCode).toBe(2);
    expect(missing.errorOutput).toContain('shards 2/4, 4/4 are missing');
    const absent = await agentlab(['merge', 'shard-1.db', 'no-such.db', '--into', 'existing.db']);
    expect(absent.exitCode).toBe(2);
    expect(absent.errorOutput).toContain('no-such.db: no such file');
    expect(existsSync(path.join(directory, 'no-such.db'))).toBe(false);
    expect(readRuns('existing.db')).toEqual(runsBefore);
  });

  it('with --allow-partial merges what it is given into an interrupted run, which agentlab summary does not pass', async () => {
    const partial = await agentlab(['merge', 'shard-1.db', 'shard-3.db', '--into', 'partial.db', '--allow-partial', '--run-id', 'partial-1']);
    expect(partial.exitCode, partial.errorOutput).toBe(0);
    expect(partial.output).toContain('the run is interrupted; shards 2, 4 missing');
    const summary = await agentlab(['summary', '--store', 'partial.db']);
    expect(summary.exitCode).toBe(1);
    expect(summary.output).toContain('✗ complete: run partial-1 is interrupted (shards 1, 3 completed; 2, 4 not started)');
  });
});

/** A JSON report without its run record, times, latencies, trace ids and run ids. */
async function comparableReport(file: string): Promise<unknown> {
  const report = JSON.parse(await readFile(path.join(directory, file), 'utf8')) as Record<string, unknown> & { run: { id: string } };
  const runId = report.run.id;
  const text = JSON.stringify({ ...report, run: undefined }).replaceAll(runId, '<run>');
  return JSON.parse(text, (key, value: unknown) => (['latencyMs', 'startedAt', 'finishedAt', 'traceId', 'runId'].includes(key) ? undefined : value));
}

function readRuns(file: string): Array<[string, string, number]> {
  const store = openStore(path.join(directory, file));
  try {
    return store.listRuns().map((run) => [run.id, run.status, store.caseResults(run.id).length]);
  } finally {
    store.close();
  }
}
