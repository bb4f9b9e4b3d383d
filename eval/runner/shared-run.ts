// One shard of a run that several processes make together (`--run-id <id> --shard i/n`, one CI job
// per shard, every job on the same store). The run is recorded with the whole matrix (`config.shards`
// = n, planned results of all n shards) by whichever shard arrives first; each shard makes its own
// slice, skipping the cells the run already holds, so running a shard again resumes it. A shard whose
// dataset, seed or matrix differs from the run's is refused before anything is written.
import type { RunConfig, RunRecord } from '../../store/index.js';
import type { Dataset } from '../dataset/index.js';
import { EvalError } from '../errors.js';
import type { EvalStore } from './eval-store.js';
import { parseShard, shardCells, type MatrixCell, type Shard } from './matrix.js';
import { matrixDifferences } from './matrix-identity.js';
import { planCells } from './plan-cells.js';

export interface SharedRunStart {
  id: string;
  dataset: Dataset;
  /** The matrix, with `shard` naming this process's slice (none: the run is one shard). */
  config: RunConfig;
  startedAt: number;
  gitCommit?: string;
  /** Where the store is, for messages. */
  storeName: string;
}

export interface SharedRunShard {
  /** The run as recorded (by this shard or an earlier one), running. */
  run: RunRecord;
  shard: Shard;
  /** This shard's cells. */
  cells: MatrixCell[];
}

/** The config the run is recorded with: the whole matrix, cut into `count` shards. */
export function sharedRunConfig(config: RunConfig, count: number): RunConfig {
  const { shard: _slice, ...whole } = config;
  return { ...whole, shards: count };
}

export async function joinSharedRun(store: EvalStore, start: SharedRunStart): Promise<SharedRunShard> {
  const shard = parseShard(start.config.shard ?? '1/1')!;
  const config = sharedRunConfig(start.config, shard.count);
  const allCells = planCells(start.dataset, config);
  const cells = shardCells(allCells, shard);
  if (cells.length === 0) throw new EvalError('AGENTLAB_EVAL_EMPTY', `shard ${shard.index}/${shard.count} has no cells: the matrix has only ${allCells.length}; use fewer shards`);
  const run: RunRecord = {
    id: start.id,
    startedAt: start.startedAt,
    status: 'running',
    ...(start.gitCommit ? { gitCommit: start.gitCommit } : {}),
    datasetPath: start.dataset.path,
    datasetHash: start.dataset.hash,
    config,
    plannedResults: allCells.length,
  };
  await store.recordDatasetCases(start.dataset.hash, start.dataset.cases);
  const joined = await store.joinRunShard(run, {
    index: shard.index,
    plannedResults: cells.length,
    check: (existing) => {
      const differences = matrixDifferences(existing, run);
      if (differences.length === 0) return;
      throw new EvalError(
        'AGENTLAB_SHARD_MISMATCH',
        `shard ${shard.index}/${shard.count} cannot join run ${existing.id} in ${start.storeName}: it differs from the run (the run's value first) in ${differences.join('; ')}`,
      );
    },
  });
  return { run: joined.run, shard, cells };
}
