// The SQLite backend of the asynchronous store interface: a thin adapter over the synchronous Store,
// every method the same call with its result (or its error) as a promise, so SQLite behaves exactly
// as it did for callers that move to the interface. `file://` URLs and plain paths open it.
import { fileURLToPath } from 'node:url';
import type { NormalizedSpan, SpanRecord } from '../tracing/index.js';
import type { CaseHistoryEntry, CaseHistoryOptions, CaseResultFilter } from './case-result-table.js';
import type { CaseVerdict, NewestCaseDefinition, TraceCaseReference } from './case-verdict-queries.js';
import { openStore } from './open-store.js';
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
import type { FlakyResultFilter } from './run-report-queries.js';
import type { LatestRunOptions, ListRunsOptions } from './run-table.js';
import type { ShardJoin, ShardJoined } from './sharded-runs.js';
import type { RunImport, Store } from './sqlite-store.js';
import type { AsyncMethods, StoreBackend } from './store-backend.js';
import type { StoreBackendKind, StoreBackendOptions } from './store-backends.js';
import type { ServiceCost, TraceListEntry, TraceListOptions } from './trace-records.js';

/**
 * The methods of the object `get` returns (its class's prototype's), each returning a promise of what
 * it returned. `get` runs on every call, so a call after close() meets the Store's AGENTLAB_STORE_CLOSED.
 */
function asyncMethods<T extends object>(get: () => T): AsyncMethods<T> {
  const wrapped: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  const prototype = Object.getPrototypeOf(get()) as object;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
    if (name === 'constructor' || typeof descriptor?.value !== 'function') continue;
    const method = descriptor.value as (...args: unknown[]) => unknown;
    wrapped[name] = async (...args) => method.apply(get(), args);
  }
  return wrapped as AsyncMethods<T>;
}

export class SqliteStoreBackend implements StoreBackend {
  /** The synchronous Store underneath, for callers not yet moved to the interface. */
  readonly store: Store;
  private tables = new Map<string, unknown>();

  constructor(store: Store) {
    this.store = store;
  }

  get location(): string {
    return this.store.path;
  }

  get isOpen(): boolean {
    return this.store.isOpen;
  }

  async close(): Promise<void> {
    this.store.close();
  }

  async createRun(run: RunRecord): Promise<void> {
    this.store.createRun(run);
  }

  async finishRun(id: string, status: RunStatus, finishedAt: number): Promise<void> {
    this.store.finishRun(id, status, finishedAt);
  }

  async reopenRun(id: string): Promise<void> {
    this.store.reopenRun(id);
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    return this.store.getRun(id);
  }

  async listRuns(options?: ListRunsOptions): Promise<RunRecord[]> {
    return this.store.listRuns(options);
  }

  async latestRun(options?: LatestRunOptions): Promise<RunRecord | undefined> {
    return this.store.latestRun(options);
  }

  async resolveRunId(idOrPrefix: string): Promise<string> {
    return this.store.resolveRunId(idOrPrefix);
  }

  async joinRunShard(run: RunRecord, shard: ShardJoin): Promise<ShardJoined> {
    return this.store.joinRunShard(run, shard);
  }

  async finishRunShard(runId: string, index: number, status: Exclude<RunStatus, 'running'>, finishedAt: number): Promise<RunRecord> {
    return this.store.finishRunShard(runId, index, status, finishedAt);
  }

  async runShards(runId: string): Promise<RunShardRecord[]> {
    return this.store.runShards(runId);
  }

  async importRun(copy: RunImport): Promise<void> {
    this.store.importRun(copy);
  }

  async recordDatasetCases(datasetHash: string, cases: readonly CaseDefinition[]): Promise<void> {
    this.store.recordDatasetCases(datasetHash, cases);
  }

  async datasetCase(datasetHash: string, caseId: string): Promise<CaseDefinition | undefined> {
    return this.store.datasetCase(datasetHash, caseId);
  }

  async datasetCases(datasetHash: string, caseIds: readonly string[]): Promise<Map<string, CaseDefinition>> {
    return this.store.datasetCases(datasetHash, caseIds);
  }

  async addCaseResult(result: CaseResultRecord): Promise<void> {
    this.store.addCaseResult(result);
  }

  async flush(): Promise<void> {
    this.store.flush();
  }

  async caseResults(runId: string, filter?: CaseResultFilter): Promise<CaseResultRecord[]> {
    return this.store.caseResults(runId, filter);
  }

  async caseOutcomes(runId: string): Promise<CaseOutcome[]> {
    return this.store.caseOutcomes(runId);
  }

  async completedKeys(runId: string): Promise<Set<string>> {
    return this.store.completedKeys(runId);
  }

  async caseHistory(caseId: string, options?: CaseHistoryOptions): Promise<CaseHistoryEntry[]> {
    return this.store.caseHistory(caseId, options);
  }

  async writeSpans(entries: readonly NormalizedSpan[]): Promise<void> {
    this.store.writeSpans(entries);
  }

  async spans(traceId: string): Promise<SpanRecord[]> {
    return this.store.spans(traceId);
  }

  async traces(options?: TraceListOptions): Promise<TraceListEntry[]> {
    return this.store.traces(options);
  }

  async traceServices(): Promise<string[]> {
    return this.store.traceServices();
  }

  async serviceCosts(period?: PeriodOptions): Promise<ServiceCost[]> {
    return this.store.serviceCosts(period);
  }

  async runOverviews(options?: RunOverviewOptions): Promise<RunOverview[]> {
    return this.store.runOverviews(options);
  }

  async countRuns(options?: Pick<RunOverviewOptions, 'datasetPath' | 'status'>): Promise<number> {
    return this.store.countRuns(options);
  }

  async runGroupTotals(runId: string): Promise<GroupTotals[]> {
    return this.store.runGroupTotals(runId);
  }

  async flakyCaseResults(runId: string, filter?: FlakyResultFilter): Promise<CaseResultRecord[]> {
    return this.store.flakyCaseResults(runId, filter);
  }

  async datasets(): Promise<DatasetOverview[]> {
    return this.store.datasets();
  }

  async dailyGroupTotals(options?: PeriodOptions): Promise<DailyGroupTotals[]> {
    return this.store.dailyGroupTotals(options);
  }

  async costBreakdown(options?: PeriodOptions): Promise<CostBreakdown> {
    return this.store.costBreakdown(options);
  }

  async caseRunOutcomes(caseId: string, options?: CaseOutcomeOptions): Promise<CaseRunOutcome[]> {
    return this.store.caseRunOutcomes(caseId, options);
  }

  async caseGroupTotals(caseId: string, options?: Omit<CaseOutcomeOptions, 'limit'>): Promise<CaseGroupTotals[]> {
    return this.store.caseGroupTotals(caseId, options);
  }

  async caseResultPage(runId: string, options: ResultPageOptions): Promise<ResultPage> {
    return this.store.caseResultPage(runId, options);
  }

  async caseResultStatusCounts(runId: string, filter?: Omit<ResultPageFilter, 'status'>): Promise<ResultStatusCounts> {
    return this.store.caseResultStatusCounts(runId, filter);
  }

  async caseResultTags(runId: string): Promise<string[]> {
    return this.store.caseResultTags(runId);
  }

  async traceCaseResult(reference: TraceCaseReference): Promise<CaseResultRecord | undefined> {
    return this.store.traceCaseResult(reference);
  }

  async unpassedCaseVerdicts(caseId: string, runIds: readonly string[]): Promise<CaseVerdict[]> {
    return this.store.unpassedCaseVerdicts(caseId, runIds);
  }

  async newestCaseDefinition(caseId: string): Promise<NewestCaseDefinition | undefined> {
    return this.store.newestCaseDefinition(caseId);
  }

  // The tables: made on first use, as the Store makes them (memory loads sqlite-vec only then).

  get memories(): StoreBackend['memories'] {
    return this.table('memories', () => this.store.memories);
  }

  get episodes(): StoreBackend['episodes'] {
    return this.table('episodes', () => this.store.episodes);
  }

  get agentRuns(): StoreBackend['agentRuns'] {
    return this.table('agentRuns', () => this.store.agentRuns);
  }

  get approvals(): StoreBackend['approvals'] {
    return this.table('approvals', () => this.store.approvals);
  }

  get reviews(): StoreBackend['reviews'] {
    return this.table('reviews', () => this.store.reviews);
  }

  get queueJobs(): StoreBackend['queueJobs'] {
    return this.table('queueJobs', () => this.store.queueJobs);
  }

  get contentRuns(): StoreBackend['contentRuns'] {
    return this.table('contentRuns', () => this.store.contentRuns);
  }

  private table<T extends object>(name: string, make: () => T): AsyncMethods<T> {
    let table = this.tables.get(name) as AsyncMethods<T> | undefined;
    if (!table) {
      table = asyncMethods(make);
      this.tables.set(name, table);
    }
    return table;
  }
}

/** A path, or a `file://` URL. */
function filePath(reference: string): string {
  return reference.toLowerCase().startsWith('file://') ? fileURLToPath(reference) : reference;
}

export const sqliteStoreBackend: StoreBackendKind = {
  name: 'SQLite',
  schemes: ['file'],
  async open(reference: string, options: StoreBackendOptions) {
    return new SqliteStoreBackend(openStore(filePath(reference), options));
  },
};
