// The asynchronous store interface every backend implements (SQLite through an adapter over the
// synchronous Store, PostgreSQL with the `pg` client). Same records, same ordering, same errors as
// the SQLite Store documents in store/README.md; only the results are promises, because a database
// over the network cannot answer synchronously. Callers move onto it from the synchronous Store.
import type { NormalizedSpan, SpanRecord } from '../tracing/index.js';
import type { AgentRunTable } from './agent-run-table.js';
import type { ApprovalTable } from './approval-table.js';
import type { CaseHistoryEntry, CaseHistoryOptions, CaseResultFilter } from './case-result-table.js';
import type { CaseVerdict, NewestCaseDefinition, TraceCaseReference } from './case-verdict-queries.js';
import type { ContentRunTable } from './content-run-table.js';
import type { EpisodeTable } from './episode-table.js';
import type { MemoryTable } from './memory-table.js';
import type { QueueJobTable } from './queue-job-table.js';
import type { CaseDefinition, CaseOutcome, CaseResultRecord, RunRecord, RunShardRecord, RunStatus } from './records.js';
import type {
  CaseGroupTotals,
  CaseOutcomeOptions,
  CaseRunOutcome,
  CostBreakdown,
  DailyGroupTotals,
  DatasetOverview,
  GroupTotals,
  PeriodOptions,
  RunOverview,
  RunOverviewOptions,
} from './report-records.js';
import type { ResultPage, ResultPageFilter, ResultPageOptions, ResultStatusCounts } from './result-page-queries.js';
import type { ReviewTable } from './review-table.js';
import type { FlakyResultFilter } from './run-report-queries.js';
import type { LatestRunOptions, ListRunsOptions } from './run-table.js';
import type { ShardJoin, ShardJoined } from './sharded-runs.js';
import type { RunImport } from './sqlite-store.js';
import type { ServiceCost, TraceListEntry, TraceListOptions } from './trace-records.js';

/** Every method of T, returning a promise of what it returned. */
export type AsyncMethods<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** Runs and their owners (see store/README.md, "Run owners"). */
export interface RunStore {
  createRun(run: RunRecord): Promise<void>;
  /** Writes the run's buffered case results first. */
  finishRun(id: string, status: RunStatus, finishedAt: number): Promise<void>;
  reopenRun(id: string): Promise<void>;
  getRun(id: string): Promise<RunRecord | undefined>;
  listRuns(options?: ListRunsOptions): Promise<RunRecord[]>;
  latestRun(options?: LatestRunOptions): Promise<RunRecord | undefined>;
  resolveRunId(idOrPrefix: string): Promise<string>;
  /** Runs made by several processes, one shard each (store/sharded-runs.ts). */
  joinRunShard(run: RunRecord, shard: ShardJoin): Promise<ShardJoined>;
  finishRunShard(runId: string, index: number, status: Exclude<RunStatus, 'running'>, finishedAt: number): Promise<RunRecord>;
  runShards(runId: string): Promise<RunShardRecord[]>;
  /** A whole run made elsewhere (`agentlab merge`), in one transaction. */
  importRun(copy: RunImport): Promise<void>;
}

/** A dataset's case definitions, kept once per dataset hash. */
export interface DatasetCaseStore {
  recordDatasetCases(datasetHash: string, cases: readonly CaseDefinition[]): Promise<void>;
  datasetCase(datasetHash: string, caseId: string): Promise<CaseDefinition | undefined>;
  datasetCases(datasetHash: string, caseIds: readonly string[]): Promise<Map<string, CaseDefinition>>;
}

/** Case results, buffered and written in batches; reads flush the buffer first. */
export interface CaseResultStore {
  addCaseResult(result: CaseResultRecord): Promise<void>;
  flush(): Promise<void>;
  caseResults(runId: string, filter?: CaseResultFilter): Promise<CaseResultRecord[]>;
  caseOutcomes(runId: string): Promise<CaseOutcome[]>;
  completedKeys(runId: string): Promise<Set<string>>;
  caseHistory(caseId: string, options?: CaseHistoryOptions): Promise<CaseHistoryEntry[]>;
}

/** Spans with their traces' totals (the store exporter and the OTLP receiver write them). */
export interface SpanStore {
  writeSpans(entries: readonly NormalizedSpan[]): Promise<void>;
  spans(traceId: string): Promise<SpanRecord[]>;
  traces(options?: TraceListOptions): Promise<TraceListEntry[]>;
  traceServices(): Promise<string[]>;
  serviceCosts(period?: PeriodOptions): Promise<ServiceCost[]>;
}

/** The queries behind the report pages: runs, run detail, trends, comparison, case history, cost. */
export interface ReportStore {
  runOverviews(options?: RunOverviewOptions): Promise<RunOverview[]>;
  countRuns(options?: Pick<RunOverviewOptions, 'datasetPath' | 'status'>): Promise<number>;
  runGroupTotals(runId: string): Promise<GroupTotals[]>;
  flakyCaseResults(runId: string, filter?: FlakyResultFilter): Promise<CaseResultRecord[]>;
  datasets(): Promise<DatasetOverview[]>;
  dailyGroupTotals(options?: PeriodOptions): Promise<DailyGroupTotals[]>;
  costBreakdown(options?: PeriodOptions): Promise<CostBreakdown>;
  caseRunOutcomes(caseId: string, options?: CaseOutcomeOptions): Promise<CaseRunOutcome[]>;
  caseGroupTotals(caseId: string, options?: Omit<CaseOutcomeOptions, 'limit'>): Promise<CaseGroupTotals[]>;
  caseResultPage(runId: string, options: ResultPageOptions): Promise<ResultPage>;
  caseResultStatusCounts(runId: string, filter?: Omit<ResultPageFilter, 'status'>): Promise<ResultStatusCounts>;
  caseResultTags(runId: string): Promise<string[]>;
  traceCaseResult(reference: TraceCaseReference): Promise<CaseResultRecord | undefined>;
  unpassedCaseVerdicts(caseId: string, runIds: readonly string[]): Promise<CaseVerdict[]>;
  newestCaseDefinition(caseId: string): Promise<NewestCaseDefinition | undefined>;
}

/** Opening and closing, common to every backend. */
export interface StoreLifecycle {
  /** Where the store is, for messages: a file path, or a database URL without its password. */
  readonly location: string;
  readonly isOpen: boolean;
  /** Writes what is buffered, marks the runs this store was making and did not finish `interrupted`, and lets go of the database. Twice does nothing. */
  close(): Promise<void>;
}

/** What the eval runner and the report pages need: runs, results, dataset cases, spans, traces and the report queries. */
export interface EvalStore extends StoreLifecycle, RunStore, DatasetCaseStore, CaseResultStore, SpanStore, ReportStore {}

/** The tables of memory, human in the loop, the queue and the content pipeline, each as its SQLite table's methods made asynchronous. */
export interface StoreTables {
  readonly memories: AsyncMethods<MemoryTable>;
  readonly episodes: AsyncMethods<EpisodeTable>;
  readonly agentRuns: AsyncMethods<AgentRunTable>;
  readonly approvals: AsyncMethods<ApprovalTable>;
  readonly reviews: AsyncMethods<ReviewTable>;
  readonly queueJobs: AsyncMethods<QueueJobTable>;
  readonly contentRuns: AsyncMethods<ContentRunTable>;
}

/** The whole store, as `openStoreBackend` returns it. */
export interface StoreBackend extends EvalStore, StoreTables {}
