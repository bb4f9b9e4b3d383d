// The part of the store the runner needs; the SQLite store provides it.
import type { CaseDefinition, CaseOutcome, CaseResultRecord, NewReview, RunRecord, RunShardRecord, RunStatus, ShardJoin, ShardJoined } from '../../store/index.js';

export interface EvalStore {
  createRun(run: RunRecord): void;
  /** Keeps the dataset's case definitions for the report (once per dataset hash). */
  recordDatasetCases(datasetHash: string, cases: readonly CaseDefinition[]): void;
  getRun(id: string): RunRecord | undefined;
  finishRun(id: string, status: RunStatus, finishedAt: number): void;
  /** Marks an interrupted run as running again. */
  reopenRun(id: string): void;
  /** Records the run made by shards unless its id is taken, and registers this process's shard (shared-run.ts). */
  joinRunShard(run: RunRecord, shard: ShardJoin): ShardJoined;
  /** Finishes this process's shard; the run is completed once every shard is. Returns the run as it stands. */
  finishRunShard(runId: string, index: number, status: Exclude<RunStatus, 'running'>, finishedAt: number): RunRecord;
  runShards(runId: string): RunShardRecord[];
  addCaseResult(result: CaseResultRecord): void;
  completedKeys(runId: string): Set<string>;
  /** The run's results without their text: `--retry-errors` finds the errored ones here. */
  caseOutcomes(runId: string): CaseOutcome[];
  flush(): void;
  /** The review queue: escalated answers and tasks that spent their retries go here as they are recorded. */
  readonly reviews: { addOnce(review: NewReview): unknown };
}
