// The matrix runner: agents × models × cases × epochs with bounded concurrency, each result written to
// the store as it finishes, resumable after an interruption, shardable across machines.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Tracer } from '@opentelemetry/api';
import { confidenceThresholdFor } from '../../agents/index.js';
import type { CassetteDeck, ModelHandle, ModelProvider } from '../../models/index.js';
import type { RunConfig, RunRecord, RunShardRecord, Store } from '../../store/index.js';
import { openTargets, type TargetSet } from '../../targets/index.js';
import { emptyConfig } from '../../models/index.js';
import type { Dataset } from '../dataset/index.js';
import { EvalError } from '../errors.js';
import type { EvalProgressSink } from './eval-progress.js';
import { asEvalStore, type EvalStore } from './eval-store.js';
import type { MatrixCell } from './matrix.js';
import { planCells } from './plan-cells.js';
import { pendingCells } from './pending-cells.js';
import { joinSharedRun, type SharedRunShard } from './shared-run.js';
import { runCaseOutcome } from './run-case.js';

export interface EvalOptions {
  dataset: Dataset;
  /** Any backend (SQLite, PostgreSQL), or a synchronous SQLite Store. */
  store: EvalStore | Store;
  provider: ModelProvider;
  /** The matrix; ignored when resuming, which reuses the interrupted run's configuration. */
  config: RunConfig;
  /**
   * The agents of the matrix, opened (and checked) before the run is recorded; closed by the caller.
   * Without it the built-in agents named in the config are opened, and closed at the end.
   */
  targets?: TargetSet;
  /** Models the caller has opened already (to check them before anything else), by reference; the rest are opened here. */
  modelHandles?: ReadonlyMap<string, ModelHandle>;
  /** Finish this interrupted run instead of starting a new one. */
  resumeRunId?: string;
  /**
   * Make the run under this id, as one of the `n` shards of `config.shard` (`i/n`; none: one shard) that
   * processes sharing the store make together (shared-run.ts): the first records it, the run completes
   * once every shard has, and a shard run again resumes its own cells.
   */
  runId?: string;
  /** The store as named to people, for messages. */
  storeName?: string;
  /** With resumeRunId: also run again the cells whose result is an error, replacing those results (`--retry-errors`). */
  retryErrors?: boolean;
  tracer?: Tracer;
  captureContent?: boolean;
  /** Record or replay: each cell's model calls go on its tape (models/cassettes). */
  cassettes?: CassetteDeck;
  signal?: AbortSignal;
  onProgress?: EvalProgressSink;
  gitCommit?: string;
  now?: () => number;
  createRunId?: () => string;
}

/** Entries this eval added to the review queue, by kind. */
export interface QueuedReviews {
  /** Answers rated below their threshold. */
  lowConfidence: number;
  /** Tasks whose agent spent its retry budget on a failing endpoint. */
  retriesExhausted: number;
}

/** The run as it ended; its results are in the store (`caseOutcomes` for statistics, `caseResults` for everything). */
export interface EvalOutcome {
  run: RunRecord;
  interrupted: boolean;
  /** What went to the review queue (a cell already queued by an earlier try of the run is not counted again). */
  queued: QueuedReviews;
  /** For a run made by shards: this process's shard and every shard's state once it finished. */
  shard?: { index: number; count: number; shards: RunShardRecord[] };
}

export function newRunId(now = Date.now()): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `run-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** The run to finish, checked against the dataset given: the same bytes, or the resume would mix two sets of cases. */
async function runToResume(options: EvalOptions, store: EvalStore): Promise<RunRecord | undefined> {
  if (!options.resumeRunId) return undefined;
  const { dataset } = options;
  const previous = await store.getRun(options.resumeRunId);
  if (!previous) throw new EvalError('AGENTLAB_RUN_NOT_FOUND', `there is no run ${options.resumeRunId} to resume in this store`);
  if (previous.config.shards !== undefined) {
    const count = previous.config.shards;
    throw new EvalError('AGENTLAB_RESUME_SHARDED', `run ${previous.id} is made by ${count} shards: run the missing or interrupted one again with --run-id ${previous.id} --shard <i>/${count}`);
  }
  if (previous.datasetHash !== dataset.hash) {
    const then = `sha256 ${previous.datasetHash.slice(0, 12)}…`;
    const nowHash = `sha256 ${dataset.hash.slice(0, 12)}…`;
    const what = previous.datasetPath === dataset.path ? `${dataset.path} has changed since (${then} then, ${nowHash} now)` : `${dataset.path} (${nowHash}) is not the dataset it was made on, ${previous.datasetPath} (${then})`;
    throw new EvalError('AGENTLAB_RESUME_MISMATCH', `cannot resume run ${previous.id}: ${what}; resume it with the dataset as it was, or start a new run`);
  }
  return previous;
}

/** The run recorded (or reopened), once everything it needs is open: a refused eval leaves no run behind. */
async function startOrResume(options: EvalOptions, store: EvalStore, previous: RunRecord | undefined, cells: readonly MatrixCell[], now: () => number): Promise<RunRecord> {
  const { dataset } = options;
  await store.recordDatasetCases(dataset.hash, dataset.cases);
  if (previous) {
    await store.reopenRun(previous.id);
    return { ...previous, status: 'running' };
  }
  const run: RunRecord = {
    id: (options.createRunId ?? newRunId)(),
    startedAt: now(),
    status: 'running',
    ...(options.gitCommit ? { gitCommit: options.gitCommit } : {}),
    datasetPath: dataset.path,
    datasetHash: dataset.hash,
    config: options.config,
    plannedResults: cells.length,
  };
  await store.createRun(run);
  return run;
}

/** The agents the run needs, every one opened, before anything is recorded. */
async function targetsFor(options: EvalOptions, agents: readonly string[]): Promise<{ targets: TargetSet; owned: boolean }> {
  if (options.targets) {
    const missing = agents.filter((agent) => !options.targets!.get(agent));
    if (missing.length > 0) throw new EvalError('AGENTLAB_AGENT_NOT_OPENED', `the run needs agents that were not opened: ${missing.join(', ')}`);
    return { targets: options.targets, owned: false };
  }
  return { targets: await openTargets([...agents], { config: emptyConfig, cwd: process.cwd(), env: {} }), owned: true };
}

export async function runEval(options: EvalOptions): Promise<EvalOutcome> {
  const now = options.now ?? Date.now;
  // Everything is checked and opened before the run is recorded: the run to resume, the matrix,
  // the agents and the models (an unknown profile or a missing key), so a refusal leaves no run behind.
  const store = asEvalStore(options.store);
  const previous = await runToResume(options, store);
  const config = previous?.config ?? options.config;
  const shared = options.runId !== undefined && !previous;
  const cells = planCells(options.dataset, config);
  const { targets, owned } = await targetsFor(options, config.agents);
  const handles = new Map<string, ModelHandle>();
  let run: RunRecord;
  let joined: SharedRunShard | undefined;
  try {
    for (const reference of config.models) handles.set(reference, options.modelHandles?.get(reference) ?? (await options.provider.open(reference)));
    if (shared) {
      joined = await joinSharedRun(store, {
        id: options.runId!,
        dataset: options.dataset,
        config,
        startedAt: now(),
        ...(options.gitCommit ? { gitCommit: options.gitCommit } : {}),
        storeName: options.storeName ?? 'the store',
      });
      run = joined.run;
    } else {
      run = await startOrResume(options, store, previous, cells, now);
    }
  } catch (error) {
    if (owned) await targets.close();
    throw error;
  }
  const shardCellsToRun = joined?.cells ?? cells;

  const pending = await pendingCells(shardCellsToRun, store, { ...(options.resumeRunId || joined ? { runId: run.id } : {}), retryErrors: options.retryErrors === true });
  const stopSignal = options.signal ?? new AbortController().signal;
  // Every case under way listens for the stop: more than Node's default of 10 is expected, not a leak.
  setMaxListeners(Math.max(10, config.concurrency + 10), stopSignal);
  let finished = shardCellsToRun.length - pending.length;
  options.onProgress?.({ type: 'eval-start', run, total: shardCellsToRun.length, alreadyDone: finished });

  const queued: QueuedReviews = { lowConfidence: 0, retriesExhausted: 0 };
  const runCell = async (cell: MatrixCell): Promise<void> => {
    options.onProgress?.({ type: 'case-start', caseId: cell.goldenCase.id, agent: cell.agent, model: cell.model, epoch: cell.epoch });
    const { result, review, cutShort } = await runCaseOutcome(cell, {
      runId: run.id,
      target: targets.get(cell.agent)!,
      runSeed: config.seed,
      model: handles.get(cell.model)!,
      datasetDirectory: options.dataset.directory,
      caseTimeoutMs: config.caseTimeoutMs,
      stopSignal,
      ...(options.tracer ? { tracer: options.tracer } : {}),
      captureContent: options.captureContent === true,
      now,
      ...(options.cassettes ? { cassettes: options.cassettes } : {}),
      ...(config.confidence ? { confidenceThreshold: confidenceThresholdFor(config.confidence, cell.agent) } : {}),
    });
    // A case cut short by the stop is left out, so that --resume runs it again.
    if (cutShort) return;
    await store.addCaseResult(result);
    // Queued as the result is recorded, once per cell however often the run is resumed or retried.
    if (review && (await store.reviews.addOnce(review))) {
      if (review.kind === 'low_confidence') queued.lowConfidence++;
      else queued.retriesExhausted++;
    }
    finished++;
    options.onProgress?.({ type: 'case-end', result, done: finished, total: shardCellsToRun.length });
  };
  // `concurrency` workers each take the next cell when they finish one, so nothing is queued per
  // cell: memory stays flat however many cells the matrix has (queueing 100,000 tasks up front
  // held over 100 MB).
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length && !stopSignal.aborted) await runCell(pending[next++]!);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(Math.max(1, config.concurrency), pending.length) }, worker));
  } finally {
    if (owned) await targets.close();
  }
  await store.flush();
  const interrupted = stopSignal.aborted && finished < shardCellsToRun.length;
  const finishedAt = now();
  const status = interrupted ? 'interrupted' : 'completed';
  if (joined) {
    // The run as its shards make it now: completed only when this was the last shard to complete.
    const final = await store.finishRunShard(run.id, joined.shard.index, status, finishedAt);
    options.onProgress?.({ type: 'eval-end', run: final, done: finished, total: shardCellsToRun.length, interrupted });
    return { run: final, interrupted, queued, shard: { index: joined.shard.index, count: joined.shard.count, shards: await store.runShards(run.id) } };
  }
  await store.finishRun(run.id, status, finishedAt);
  const final: RunRecord = { ...run, status, finishedAt };
  options.onProgress?.({ type: 'eval-end', run: final, done: finished, total: cells.length, interrupted });
  return { run: final, interrupted, queued };
}
