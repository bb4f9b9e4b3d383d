// The part of the store the runner needs, on the asynchronous interface every backend implements
// (SQLite, PostgreSQL): runs, shards, dataset cases, results and the review queue. A synchronous
// SQLite Store is taken too and answered through its adapter, so callers that still hold one work.
import { SqliteStoreBackend, Store, type CaseResultStore, type DatasetCaseStore, type NewReview, type RunStore } from '../../store/index.js';

export interface EvalStore
  extends Pick<RunStore, 'createRun' | 'getRun' | 'finishRun' | 'reopenRun' | 'joinRunShard' | 'finishRunShard' | 'runShards'>,
    Pick<DatasetCaseStore, 'recordDatasetCases'>,
    Pick<CaseResultStore, 'addCaseResult' | 'completedKeys' | 'caseOutcomes' | 'flush'> {
  /** The review queue: escalated answers and tasks that spent their retries go here as they are recorded. */
  readonly reviews: { addOnce(review: NewReview): Promise<unknown> };
}

/** The store as the runner reads it: a synchronous SQLite Store through its asynchronous adapter. */
export function asEvalStore<T extends EvalStore>(store: T | Store): T | SqliteStoreBackend {
  return store instanceof Store ? new SqliteStoreBackend(store) : store;
}
