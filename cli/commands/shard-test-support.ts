// What the shard and merge tests share: a small dataset, its matrix, an unsharded run to hold the
// shards against, and how two runs are compared cell for cell (all but times and latencies, which
// are measured, not derived from the seed).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { summarizeRun } from '../../eval/index.js';
import { openStoreBackend, type CaseResultRecord } from '../../store/index.js';

// Calculator cases only: a search tool's first call in a cold process loads its corpus, which on a
// machine busy with four shard processes can outlast the tool's 10 s timeout and make results differ.
const cases = [
  { id: 'product', goal: 'Calculate 17 * 23', expected_tools: ['calculator'], expected_output_contains: ['391'] },
  { id: 'quotient', goal: 'Calculate 17 * 23, then compute 144 / 12', expected_tools: ['calculator', 'calculator'], expected_output_contains: ['391', '12'] },
  { id: 'sum', goal: 'Compute 1250 + 750', expected_tools: ['calculator'], expected_output_contains: ['2000'] },
];

export async function writeDataset(directory: string, name = 'cases.jsonl', extra = ''): Promise<void> {
  await writeFile(path.join(directory, name), cases.map((item) => JSON.stringify(item)).join('\n') + extra);
}

/** 3 cases × 1 agent × 2 models × 2 epochs = 12 cells; sim models answer the same for the same seed. */
export const matrix = ['--agents', 'react', '--models', 'sim:strong,sim:weak', '--epochs', '2', '--latency', 'zero', '-q'];
export const cellCount = 12;

type Cell = Omit<CaseResultRecord, 'runId' | 'startedAt' | 'finishedAt' | 'latencyMs' | 'traceId'>;

function cellOf(result: CaseResultRecord): Cell {
  const { runId: _runId, startedAt: _startedAt, finishedAt: _finishedAt, latencyMs: _latencyMs, traceId: _traceId, ...cell } = result;
  return cell;
}

export interface StoredRunView {
  status: string;
  cells: Cell[];
  /** The run's summary (groups and overall) without latencies. */
  summary: unknown;
  shards: Array<[number, number, string]>;
}

/** The one run in the store `reference` names (a file, a postgres:// URL), or the run `id`, as the comparison sees it. */
export async function readStoredRun(reference: string, id?: string): Promise<StoredRunView> {
  const store = await openStoreBackend(reference);
  try {
    const run = id ? (await store.getRun(id))! : (await store.listRuns())[0]!;
    const { groups, overall } = await summarizeRun(store, run, {});
    const withoutLatency = (summary: { latencyMs: unknown }) => ({ ...summary, latencyMs: undefined });
    return {
      status: run.status,
      cells: (await store.caseResults(run.id)).map(cellOf),
      summary: { groups: groups.map(withoutLatency), overall: withoutLatency(overall) },
      shards: (await store.runShards(run.id)).map((shard) => [shard.index, shard.count, shard.status]),
    };
  } finally {
    await store.close();
  }
}
