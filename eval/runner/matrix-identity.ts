// What makes two pieces of a run the same run: the dataset's bytes, the seed and the matrix (agents,
// models, epochs, filter, number of shards) and whatever changes a cell's result (case timeout,
// confidence ratings, lessons). A shard joining a run and the shard files `agentlab merge` puts
// together must agree on all of it, or one run would hold results of two different evals.
// Concurrency and the git commit may differ: they change how fast, not what, a cell gives.
import { isDeepStrictEqual } from 'node:util';
import type { RunConfig, RunRecord } from '../../store/index.js';
import { parseShard } from './matrix.js';

/** How many shards the run is cut into: `config.shards` for a run made by shards, n of `config.shard` for one shard's run, else 1. */
export function shardCountOf(config: RunConfig): number {
  return config.shards ?? parseShard(config.shard ?? '')?.count ?? 1;
}

function show(value: unknown): string {
  if (value === undefined) return 'none';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

type Aspect = [name: string, read: (run: RunRecord) => unknown];

const aspects: readonly Aspect[] = [
  ['dataset', (run) => run.datasetHash],
  ['seed', (run) => run.config.seed],
  ['agents', (run) => run.config.agents],
  ['models', (run) => run.config.models],
  ['epochs', (run) => run.config.epochs],
  ['filter', (run) => run.config.filter],
  ['shard count', (run) => shardCountOf(run.config)],
  ['case timeout', (run) => run.config.caseTimeoutMs],
  ['confidence settings', (run) => run.config.confidence],
  ['lessons settings', (run) => run.config.lessons],
];

/**
 * Every way `other` differs from `reference` in what defines the run, as `seed: 7 vs 8` (reference
 * first); empty when they are pieces of the same run. Datasets are shown by path and short hash.
 */
export function matrixDifferences(reference: RunRecord, other: RunRecord): string[] {
  const differences: string[] = [];
  for (const [name, read] of aspects) {
    const expected = read(reference);
    const actual = read(other);
    if (isDeepStrictEqual(expected, actual)) continue;
    if (name === 'dataset') differences.push(`dataset: ${reference.datasetPath} (sha256 ${reference.datasetHash.slice(0, 12)}…) vs ${other.datasetPath} (sha256 ${other.datasetHash.slice(0, 12)}…)`);
    else differences.push(`${name}: ${show(expected)} vs ${show(actual)}`);
  }
  return differences;
}
