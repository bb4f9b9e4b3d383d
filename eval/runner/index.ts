// Public surface of the matrix runner.
export { runEval, newRunId } from './eval-runner.js';
export { planCells } from './plan-cells.js';
export { joinSharedRun, sharedRunConfig } from './shared-run.js';
export type { SharedRunShard, SharedRunStart } from './shared-run.js';
export { matrixDifferences, shardCountOf } from './matrix-identity.js';
export type { EvalOptions, EvalOutcome, QueuedReviews } from './eval-runner.js';
export type { EvalProgressEvent, EvalProgressSink } from './eval-progress.js';
export type { EvalStore } from './eval-store.js';
export { buildMatrix, filterCases, parseShard, shardCells, shardProblem } from './matrix.js';
export type { MatrixCell, Shard } from './matrix.js';
export { deriveCaseSeed } from './case-seed.js';
export { runCase, runCaseOutcome } from './run-case.js';
export type { CaseRunContext, CaseRunOutcome } from './run-case.js';
export { errorReportOf, reviewEntryFor } from './review-entry.js';
