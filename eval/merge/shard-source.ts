// One shard file given to `agentlab merge`: the store file, the run in it that holds shards of a
// matrix, and which of the matrix's n shards that run holds (its `--shard i/n`, or the shard rows of a
// run made by shards). Nothing is read but the run until every file has been checked.
import { statSync } from 'node:fs';
import { openStore, type RunRecord, type Store } from '../../store/index.js';
import { EvalError } from '../errors.js';
import { parseShard } from '../runner/index.js';
import { shardCountOf } from '../runner/index.js';
import { mergeShardsListed } from './constants.js';

/** One of the n shards, as a file holds it. */
export interface ShardPiece {
  index: number;
  status: RunRecord['status'];
  plannedResults: number;
  startedAt: number;
  finishedAt?: number;
}

export interface ShardSource {
  /** As the user gave it, for messages. */
  file: string;
  store: Store;
  run: RunRecord;
  count: number;
  pieces: ShardPiece[];
}

function mergeError(message: string, cause?: unknown): EvalError {
  return new EvalError('AGENTLAB_MERGE_INVALID', message, cause === undefined ? {} : { cause });
}

function isShardRun(run: RunRecord): boolean {
  return run.config.shard !== undefined || run.config.shards !== undefined;
}

function findRun(store: Store, file: string, runId: string | undefined): RunRecord {
  if (runId !== undefined) {
    const run = store.getRun(runId);
    if (!run) throw mergeError(`${file} holds no run ${runId}`);
    if (!isShardRun(run)) throw mergeError(`run ${run.id} in ${file} is not a shard: it was made without --shard`);
    return run;
  }
  const runs = store.listRuns().filter(isShardRun);
  if (runs.length === 0) throw mergeError(`${file} holds no run made with --shard: merge takes the store files of agentlab eval --shard i/n`);
  if (runs.length > 1) {
    const listed = runs.slice(0, mergeShardsListed).map((run) => `${run.id} (${run.config.shard ?? `${run.config.shards} shards`})`).join(', ');
    throw mergeError(`${file} holds ${runs.length} shard runs (${listed}${runs.length > mergeShardsListed ? ', …' : ''}): name the one to merge with --run <id>`);
  }
  return runs[0]!;
}

function piecesOf(store: Store, run: RunRecord): ShardPiece[] {
  if (run.config.shards === undefined) {
    const shard = parseShard(run.config.shard ?? '1/1')!;
    return [{ index: shard.index, status: run.status, plannedResults: run.plannedResults, startedAt: run.startedAt, ...(run.finishedAt === undefined ? {} : { finishedAt: run.finishedAt }) }];
  }
  return store.runShards(run.id).map((shard) => ({
    index: shard.index,
    status: shard.status,
    plannedResults: shard.plannedResults,
    startedAt: shard.startedAt,
    ...(shard.finishedAt === undefined ? {} : { finishedAt: shard.finishedAt }),
  }));
}

/** Opens `path` (which must exist: merge never makes an empty source) and finds its shard run. */
export function openShardSource(file: string, path: string, runId: string | undefined): ShardSource {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    throw mergeError(`${file}: no such file`, error);
  }
  if (!isFile) throw mergeError(`${file} is not a file`);
  const store = openStore(path);
  try {
    const run = findRun(store, file, runId);
    return { file, store, run, count: shardCountOf(run.config), pieces: piecesOf(store, run) };
  } catch (error) {
    store.close();
    throw error;
  }
}
