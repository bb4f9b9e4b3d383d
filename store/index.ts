// Public surface of store/: open a store, the Store it returns, the records it keeps, its errors.
export { openStore } from './open-store.js';
export type { OpenStoreOptions } from './open-store.js';
export { Store } from './sqlite-store.js';
export type { RunImport, StoreBatchOptions, StoreOptions } from './sqlite-store.js';
export type { LatestRunOptions, ListRunsOptions } from './run-table.js';
export type { ShardJoin, ShardJoined } from './sharded-runs.js';
export type { CaseHistoryEntry, CaseHistoryOptions, CaseResultFilter } from './case-result-table.js';
export type { CaseVerdict, NewestCaseDefinition, TraceCaseReference } from './case-verdict-queries.js';
export type {
  CaseGroupTotals,
  CaseOutcomeOptions,
  CaseRunOutcome,
  CostBreakdown,
  DailyGroupTotals,
  DatasetOverview,
  GroupTotals,
  PeriodOptions,
  ResultTotals,
  RunOverview,
  RunOverviewOptions,
} from './report-records.js';
export type { FlakyResultFilter } from './run-report-queries.js';
export type { ResultPage, ResultPageFilter, ResultPageOptions, ResultStatusCounts } from './result-page-queries.js';
export type { ServiceCost, TraceListEntry, TraceListOptions } from './trace-records.js';
export { caseResultKey } from './records.js';
export type { CaseDefinition, CaseOutcome, CaseResultRecord, CaseStatus, CheckResult, RunConfidenceSettings, RunConfig, RunLessonsSettings, RunOwner, RunRecord, RunShardRecord, RunStatus } from './records.js';
export { currentRunOwner, describeOwner } from './run-owner.js';
export { MemoryTable } from './memory-table.js';
export { EpisodeTable } from './episode-table.js';
export type {
  EpisodeInput,
  EpisodeListOptions,
  EpisodeMatch,
  EpisodeRecord,
  EpisodeSearchScope,
  MemoryForgetFilter,
  MemoryInput,
  MemoryListOptions,
  MemoryMatch,
  MemoryRecord,
  MemorySearchScope,
} from './memory-records.js';
export { AgentRunTable } from './agent-run-table.js';
export type { AgentRunEnd } from './agent-run-table.js';
export { ApprovalTable } from './approval-table.js';
export type { ApprovalDecisionInput } from './approval-table.js';
export { ReviewTable } from './review-table.js';
export { agentRunStatuses } from './human-loop-records.js';
export type {
  AgentRunRecord,
  AgentRunStatus,
  ApprovalDecision,
  ApprovalListOptions,
  ApprovalRecord,
  ApprovalStatus,
  ErrorReport,
  NewAgentRun,
  NewApproval,
  NewReview,
  ReviewAction,
  ReviewDecisionInput,
  ReviewKind,
  ReviewListOptions,
  ReviewQueueStats,
  ReviewRecord,
  ReviewStatus,
} from './human-loop-records.js';
export { QueueJobTable } from './queue-job-table.js';
export type { NewQueueJob, QueueJobRecord, QueueJobRetryPolicy, QueueJobStateCount, QueueJobStateName, QueueJobUnpark } from './queue-job-records.js';
export { ContentRunTable } from './content-run-table.js';
export type { ContentRunListOptions, ContentRunRecord, ContentRunStatus, ContentRunWorker } from './content-run-records.js';
export type {
  ContentClaimTotals,
  ContentDayReviewTotals,
  ContentDayStatusTotals,
  ContentRecentRun,
  ContentReportPeriod,
  ContentReportTotals,
  ContentReviewOutcome,
  ContentStageLatency,
  ContentTotalsStatus,
  ContentWorkerTotals,
} from './content-report-records.js';
export { StoreError } from './errors.js';
export type { StoreErrorCode } from './errors.js';
export { storeSchemaVersion } from './migrations.js';
export { caseResultBatchSize, caseResultFlushDelayMs, defaultStorePath, inMemoryStorePath, runHeartbeatIntervalMs, staleRunAfterMs } from './constants.js';
// The asynchronous store interface and its backends, chosen by the store reference (a path, file://, postgres://).
import './default-backends.js';
export { openStoreBackend, registerStoreBackend, storeBackendFor, storeReferenceScheme } from './store-backends.js';
export type { StoreBackendKind, StoreBackendOptions } from './store-backends.js';
export type { AsyncMethods, CaseResultStore, DatasetCaseStore, EvalStore, ReportStore, RunStore, SpanStore, StoreBackend, StoreLifecycle, StoreTables } from './store-backend.js';
export { SqliteStoreBackend } from './sqlite-backend.js';
export { openPostgresStore } from './postgres-backend.js';
export type { PostgresStore } from './postgres/postgres-store.js';
export { postgresSchemaVersion } from './postgres/migrations.js';
export { describeDatabaseUrl } from './postgres/database-url.js';
