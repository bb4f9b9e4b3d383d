// Whether shard files are pieces of one run, and the run they make together. Refused, naming the
// file: shards of another dataset, seed or matrix (agents, models, epochs, filter, shard count…), a
// shard given twice, a shard that did not finish, and shards missing from the n (unless
// allowPartial, which makes the merged run `interrupted`, as a run made by shards is while one is missing).
import type { RunRecord, RunShardRecord } from '../../store/index.js';
import { EvalError } from '../errors.js';
import { matrixDifferences, newRunId, sharedRunConfig } from '../runner/index.js';
import type { ShardSource } from './shard-source.js';

export interface MergePlanOptions {
  /** The merged run's id; by default the shards' own when they share one, else a new one. */
  runId?: string;
  /** Merge what is there: shards missing or unfinished leave the merged run interrupted. */
  allowPartial?: boolean;
  now?: () => number;
}

export interface MergePlan {
  run: RunRecord;
  shards: RunShardRecord[];
  /** Shard indexes none of the files holds (only with allowPartial). */
  missing: number[];
}

function refuse(message: string): EvalError {
  return new EvalError('AGENTLAB_MERGE_INVALID', message);
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, position) => position + 1);
}

export function planMerge(sources: readonly ShardSource[], options: MergePlanOptions = {}): MergePlan {
  const first = sources[0];
  if (!first) throw refuse('no shard files given');
  for (const source of sources.slice(1)) {
    const differences = matrixDifferences(first.run, source.run);
    if (differences.length > 0) {
      throw refuse(`${source.file} (run ${source.run.id}) is not a shard of the same run as ${first.file} (run ${first.run.id}): they differ in ${differences.join('; ')}`);
    }
  }
  const count = first.count;
  const holder = new Map<number, ShardSource>();
  for (const source of sources) {
    for (const piece of source.pieces) {
      const other = holder.get(piece.index);
      if (other) throw refuse(`shard ${piece.index}/${count} is in both ${other.file} and ${source.file}: give each shard once`);
      holder.set(piece.index, source);
      if (piece.status !== 'completed' && !options.allowPartial) {
        const how = piece.status === 'running' ? 'is still running' : 'was interrupted';
        throw refuse(`shard ${piece.index}/${count} in ${source.file} (run ${source.run.id}) ${how}: finish it first, or pass --allow-partial to merge what it holds`);
      }
    }
  }
  const missing = range(count).filter((index) => !holder.has(index));
  if (missing.length > 0 && !options.allowPartial) {
    throw refuse(`shards ${missing.map((index) => `${index}/${count}`).join(', ')} are missing: give every shard file of the run, or pass --allow-partial to merge the ${holder.size} given`);
  }

  const ids = new Set(sources.map((source) => source.run.id));
  const id = options.runId ?? (ids.size === 1 ? first.run.id : newRunId((options.now ?? Date.now)()));
  const pieces = sources.flatMap((source) => source.pieces).sort((a, b) => a.index - b.index);
  const complete = missing.length === 0 && pieces.every((piece) => piece.status === 'completed');
  const commits = new Set(sources.map((source) => source.run.gitCommit).filter((commit) => commit !== undefined));
  const run: RunRecord = {
    id,
    startedAt: Math.min(...pieces.map((piece) => piece.startedAt)),
    finishedAt: Math.max(...pieces.map((piece) => piece.finishedAt ?? piece.startedAt)),
    status: complete ? 'completed' : 'interrupted',
    ...(commits.size === 1 ? { gitCommit: [...commits][0]! } : {}),
    datasetPath: first.run.datasetPath,
    datasetHash: first.run.datasetHash,
    config: sharedRunConfig(first.run.config, count),
    plannedResults: pieces.reduce((sum, piece) => sum + piece.plannedResults, 0),
  };
  const shards: RunShardRecord[] = pieces.map((piece) => ({
    runId: id,
    index: piece.index,
    count,
    // A piece still running in its file is not running here: nobody is making it into this store.
    status: piece.status === 'running' ? 'interrupted' : piece.status,
    plannedResults: piece.plannedResults,
    startedAt: piece.startedAt,
    ...(piece.finishedAt === undefined ? {} : { finishedAt: piece.finishedAt }),
  }));
  return { run, shards, missing };
}
