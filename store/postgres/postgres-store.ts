// The PostgreSQL store: runs, case results, dataset cases, spans, traces and the report queries behind
// the asynchronous EvalStore interface, over a `pg` pool. It behaves as the SQLite Store does
// (store/README.md): case results are buffered and written in batches, reads flush them first, runs
// carry this process as their owner with a heartbeat, and every read of runs first settles running
// runs whose owner is gone as `interrupted`. Several processes may write into one database at once.
import type { Pool } from 'pg';
import type { NormalizedSpan, SpanRecord } from '../../tracing/index.js';
import type { CaseResultRow } from '../case-result-table.js';
import { toCaseResultRow } from '../case-result-table.js';
import type { CaseHistoryEntry, CaseHistoryOptions, CaseResultFilter } from '../case-result-table.js';
import type { CaseVerdict, NewestCaseDefinition, TraceCaseReference } from '../case-verdict-queries.js';
import { caseResultBatchSize, caseResultFlushDelayMs, runHeartbeatIntervalMs } from '../constants.js';
import { runNotFound, storeClosed, storeWriteFailed } from '../errors.js';
import type { CaseDefinition, CaseOutcome, CaseResultRecord, RunOwner, RunRecord, RunShardRecord, RunStatus } from '../records.js';
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
} from '../report-records.js';
import type { ResultPage, ResultPageFilter, ResultPageOptions, ResultStatusCounts } from '../result-page-queries.js';
import { currentRunOwner } from '../run-owner.js';
import type { FlakyResultFilter } from '../run-report-queries.js';
import type { LatestRunOptions, ListRunsOptions } from '../run-table.js';
import type { ShardJoin, ShardJoined } from '../sharded-runs.js';
import type { RunImport, StoreOptions } from '../sqlite-store.js';
import type { StoreBackend } from '../store-backend.js';
import type { ServiceCost, TraceListEntry, TraceListOptions } from '../trace-records.js';
import { AsyncBatchWriter } from './async-batch-writer.js';
import { connectDescribed, describeLost } from './connection-lost.js';
import { PostgresAgentRunTable } from './agent-run-table.js';
import { PostgresApprovalTable } from './approval-table.js';
import { PostgresCaseReportQueries } from './case-report-queries.js';
import { PostgresCaseResultTable } from './case-result-table.js';
import { PostgresCaseVerdictQueries } from './case-verdict-queries.js';
import { PostgresContentRunTable } from './content-run-table.js';
import { PostgresDatasetCaseTable } from './dataset-case-table.js';
import { PostgresEpisodeTable } from './episode-table.js';
import { PostgresMemoryTable } from './memory-table.js';
import { PostgresPeriodReportQueries } from './period-report-queries.js';
import { inTransaction, retryingConflicts } from './queryable.js';
import type { Connections } from './queryable.js';
import { PostgresQueueJobTable } from './queue-job-table.js';
import { PostgresResultPageQueries } from './result-page-queries.js';
import { PostgresReviewTable } from './review-table.js';
import { PostgresRunReportQueries } from './run-report-queries.js';
import { PostgresRunShardTable } from './run-shard-table.js';
import { PostgresRunTable } from './run-table.js';
import { PostgresShardedRuns } from './sharded-runs.js';
import { RunOwnership } from './run-ownership.js';
import { PostgresSpanTable } from './span-table.js';
import { PostgresTraceTable } from './trace-table.js';

export class PostgresStore implements StoreBackend {
  /** The database as `postgres://user@host:port/database`, never with its password. */
  readonly location: string;
  /** The pool behind a check that the store is open, so every table's call after close() is AGENTLAB_STORE_CLOSED. */
  private readonly pool: Connections;
  private readonly ownPool: Pool;
  private open = true;
  private closing = false;
  private readonly runTable: PostgresRunTable;
  private readonly shardedRuns: PostgresShardedRuns;
  private readonly caseResultTable: PostgresCaseResultTable;
  private readonly datasetCaseTable: PostgresDatasetCaseTable;
  private readonly traceTable: PostgresTraceTable;
  private readonly runReports: PostgresRunReportQueries;
  private readonly periodReports: PostgresPeriodReportQueries;
  private readonly caseReports: PostgresCaseReportQueries;
  private readonly caseVerdicts: PostgresCaseVerdictQueries;
  private readonly resultPages: PostgresResultPageQueries;
  private readonly caseResultWriter: AsyncBatchWriter<CaseResultRow>;
  /** Runs this object has seen exist, so adding a result does not query for its run each time. */
  private readonly knownRunIds = new Set<string>();
  private readonly now: () => number;
  private readonly owner: RunOwner;
  /** The runs and shards this object is making: heartbeats, settling abandoned runs, interrupting on close. */
  private readonly ownership: RunOwnership;

  /** Takes a pool that is connected and migrated: use openPostgresStore(). */
  constructor(pool: Pool, location: string, options: StoreOptions = {}) {
    this.ownPool = pool;
    this.location = location;
    // Every query checks the store is open, and reports a server that stopped answering as such.
    this.pool = {
      query: ((...args: unknown[]) => {
        this.assertOpen();
        const result = (pool.query as (...given: unknown[]) => Promise<unknown>).apply(pool, args);
        return result.catch((error: unknown) => Promise.reject(describeLost(location, error)));
      }) as Pool['query'],
      connect: (() => {
        this.assertOpen();
        return connectDescribed(pool, location);
      }) as Pool['connect'],
    };
    this.now = options.now ?? Date.now;
    this.owner = options.owner ?? currentRunOwner();
    this.runTable = new PostgresRunTable(this.pool);
    this.shardedRuns = new PostgresShardedRuns(this.pool);
    this.ownership = new RunOwnership({
      runs: this.runTable,
      shards: this.shardedRuns,
      owner: this.owner,
      now: this.now,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? runHeartbeatIntervalMs,
      isOpen: () => this.open,
    });
    this.caseResultTable = new PostgresCaseResultTable(this.pool);
    this.datasetCaseTable = new PostgresDatasetCaseTable(this.pool);
    this.traceTable = new PostgresTraceTable(this.pool);
    this.runReports = new PostgresRunReportQueries(this.pool);
    this.periodReports = new PostgresPeriodReportQueries(this.pool);
    this.caseReports = new PostgresCaseReportQueries(this.pool);
    this.caseVerdicts = new PostgresCaseVerdictQueries(this.pool);
    this.resultPages = new PostgresResultPageQueries(this.pool);
    this.caseResultWriter = new AsyncBatchWriter<CaseResultRow>({
      size: options.batchSize ?? caseResultBatchSize,
      delayMs: options.flushDelayMs ?? caseResultFlushDelayMs,
      write: async (rows) => {
        try {
          await this.caseResultTable.write(rows);
        } catch (error) {
          throw storeWriteFailed(this.location, `${rows.length} case results`, error);
        }
      },
    });
  }

  get isOpen(): boolean {
    return this.open;
  }

  // Runs

  async createRun(run: RunRecord): Promise<void> {
    this.assertOpen();
    await this.runTable.create({ ...run, owner: run.owner ?? this.owner, heartbeatAt: run.heartbeatAt ?? this.now() });
    this.knownRunIds.add(run.id);
    if (run.owner === undefined && run.status === 'running') this.ownership.own(run.id);
  }

  async finishRun(id: string, status: RunStatus, finishedAt: number): Promise<void> {
    await this.flush();
    await this.runTable.setStatus(id, status, finishedAt);
    this.ownership.disown(id);
  }

  async reopenRun(id: string): Promise<void> {
    this.assertOpen();
    await this.ownership.settleAbandoned();
    await this.runTable.reopen(id, this.owner, this.now());
    this.ownership.own(id);
  }

  // Runs made by several processes, one shard each (store/sharded-runs.ts)

  async joinRunShard(run: RunRecord, shard: ShardJoin): Promise<ShardJoined> {
    this.assertOpen();
    const joined = await this.shardedRuns.join(run, shard, this.owner, this.ownership.abandonedOptions());
    this.knownRunIds.add(run.id);
    this.ownership.ownShard(run.id, shard.index);
    return joined;
  }

  async finishRunShard(runId: string, index: number, status: Exclude<RunStatus, 'running'>, finishedAt: number): Promise<RunRecord> {
    await this.flush();
    const run = await this.shardedRuns.finish(runId, index, status, finishedAt, this.owner, this.ownership.abandonedOptions());
    this.ownership.disownShard(runId, index);
    return run;
  }

  async runShards(runId: string): Promise<RunShardRecord[]> {
    this.assertOpen();
    await this.ownership.settleAbandoned();
    return this.shardedRuns.list(runId);
  }

  /** The run, its shards, dataset cases, results and spans in one transaction: all or nothing. */
  async importRun(copy: RunImport): Promise<void> {
    await this.flush();
    await inTransaction(this.pool, async (client) => {
      await new PostgresRunTable(client).create(copy.run);
      const shards = new PostgresRunShardTable(client);
      for (const shard of copy.shards) await shards.insert(shard);
      await new PostgresDatasetCaseTable(client).record(copy.run.datasetHash, copy.datasetCases);
      await new PostgresCaseResultTable(client).write(copy.results.map(toCaseResultRow));
      await new PostgresSpanTable(client).write(copy.spans);
    });
    this.knownRunIds.add(copy.run.id);
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    this.assertOpen();
    await this.ownership.settleAbandoned();
    return this.runTable.get(id);
  }

  async listRuns(options: ListRunsOptions = {}): Promise<RunRecord[]> {
    this.assertOpen();
    await this.ownership.settleAbandoned();
    return this.runTable.list(options);
  }

  async latestRun(options: LatestRunOptions = {}): Promise<RunRecord | undefined> {
    this.assertOpen();
    await this.ownership.settleAbandoned();
    return this.runTable.latest(options);
  }

  async resolveRunId(idOrPrefix: string): Promise<string> {
    this.assertOpen();
    return this.runTable.resolveId(idOrPrefix);
  }

  // Dataset cases

  async recordDatasetCases(datasetHash: string, cases: readonly CaseDefinition[]): Promise<void> {
    this.assertOpen();
    await this.datasetCaseTable.record(datasetHash, cases);
  }

  async datasetCase(datasetHash: string, caseId: string): Promise<CaseDefinition | undefined> {
    this.assertOpen();
    return this.datasetCaseTable.get(datasetHash, caseId);
  }

  async datasetCases(datasetHash: string, caseIds: readonly string[]): Promise<Map<string, CaseDefinition>> {
    this.assertOpen();
    return this.datasetCaseTable.getMany(datasetHash, caseIds);
  }

  // Case results

  async addCaseResult(result: CaseResultRecord): Promise<void> {
    this.assertOpen();
    if (!this.knownRunIds.has(result.runId)) {
      if (!(await this.runTable.exists(result.runId))) throw runNotFound(result.runId);
      this.knownRunIds.add(result.runId);
    }
    await this.caseResultWriter.add(toCaseResultRow(result));
  }

  async flush(): Promise<void> {
    this.assertOpen();
    await this.caseResultWriter.flush();
  }

  async caseResults(runId: string, filter: CaseResultFilter = {}): Promise<CaseResultRecord[]> {
    await this.flush();
    return this.caseResultTable.list(runId, filter);
  }

  async caseOutcomes(runId: string): Promise<CaseOutcome[]> {
    await this.flush();
    return this.caseResultTable.outcomes(runId);
  }

  async completedKeys(runId: string): Promise<Set<string>> {
    await this.flush();
    return this.caseResultTable.completedKeys(runId);
  }

  async caseHistory(caseId: string, options: CaseHistoryOptions = {}): Promise<CaseHistoryEntry[]> {
    await this.flush();
    await this.ownership.settleAbandoned();
    return this.caseResultTable.history(caseId, options);
  }

  // Spans and traces

  async writeSpans(entries: readonly NormalizedSpan[]): Promise<void> {
    this.assertOpen();
    if (entries.length === 0) return;
    try {
      await retryingConflicts(() => inTransaction(this.pool, (client) => new PostgresSpanTable(client).write(entries)));
    } catch (error) {
      throw storeWriteFailed(this.location, `${entries.length} spans`, error);
    }
  }

  async spans(traceId: string): Promise<SpanRecord[]> {
    this.assertOpen();
    return new PostgresSpanTable(this.pool).trace(traceId);
  }

  async traces(options: TraceListOptions = {}): Promise<TraceListEntry[]> {
    this.assertOpen();
    return this.traceTable.list(options);
  }

  async traceServices(): Promise<string[]> {
    this.assertOpen();
    return this.traceTable.services();
  }

  async serviceCosts(period: PeriodOptions = {}): Promise<ServiceCost[]> {
    this.assertOpen();
    return this.traceTable.serviceCosts(period);
  }

  // Report queries

  async runOverviews(options: RunOverviewOptions = {}): Promise<RunOverview[]> {
    await this.flush();
    await this.ownership.settleAbandoned();
    return this.runReports.overviews(options);
  }

  async countRuns(options: Pick<RunOverviewOptions, 'datasetPath' | 'status'> = {}): Promise<number> {
    this.assertOpen();
    await this.ownership.settleAbandoned();
    return this.runReports.count(options);
  }

  async runGroupTotals(runId: string): Promise<GroupTotals[]> {
    await this.flush();
    return this.runReports.groupTotals(runId);
  }

  async flakyCaseResults(runId: string, filter: FlakyResultFilter = {}): Promise<CaseResultRecord[]> {
    await this.flush();
    return this.runReports.flakyResults(runId, filter);
  }

  async datasets(): Promise<DatasetOverview[]> {
    this.assertOpen();
    return this.runReports.datasets();
  }

  async dailyGroupTotals(options: PeriodOptions = {}): Promise<DailyGroupTotals[]> {
    await this.flush();
    return this.periodReports.dailyGroupTotals(options);
  }

  async costBreakdown(options: PeriodOptions = {}): Promise<CostBreakdown> {
    await this.flush();
    return this.periodReports.costBreakdown(options);
  }

  async caseRunOutcomes(caseId: string, options: CaseOutcomeOptions = {}): Promise<CaseRunOutcome[]> {
    await this.flush();
    await this.ownership.settleAbandoned();
    return this.caseReports.runOutcomes(caseId, options);
  }

  async caseGroupTotals(caseId: string, options: Omit<CaseOutcomeOptions, 'limit'> = {}): Promise<CaseGroupTotals[]> {
    await this.flush();
    return this.caseReports.groupTotals(caseId, options);
  }

  async caseResultPage(runId: string, options: ResultPageOptions): Promise<ResultPage> {
    await this.flush();
    return this.resultPages.page(runId, options);
  }

  async caseResultStatusCounts(runId: string, filter: Omit<ResultPageFilter, 'status'> = {}): Promise<ResultStatusCounts> {
    await this.flush();
    return this.resultPages.statusCounts(runId, filter);
  }

  async caseResultTags(runId: string): Promise<string[]> {
    await this.flush();
    return this.resultPages.tags(runId);
  }

  async traceCaseResult(reference: TraceCaseReference): Promise<CaseResultRecord | undefined> {
    await this.flush();
    return this.caseVerdicts.resultOfTrace(reference);
  }

  async unpassedCaseVerdicts(caseId: string, runIds: readonly string[]): Promise<CaseVerdict[]> {
    await this.flush();
    return this.caseVerdicts.unpassedVerdicts(caseId, runIds);
  }

  async newestCaseDefinition(caseId: string): Promise<NewestCaseDefinition | undefined> {
    await this.flush();
    return this.caseVerdicts.newestDefinition(caseId);
  }

  // Long-term and episodic memory (agents/memory): rows with their vectors, ranked by cosine distance in SQL.
  private memoryTable: PostgresMemoryTable | undefined;
  private episodeTable: PostgresEpisodeTable | undefined;

  get memories(): PostgresMemoryTable {
    this.assertOpen();
    return (this.memoryTable ??= new PostgresMemoryTable(this.pool));
  }

  get episodes(): PostgresEpisodeTable {
    this.assertOpen();
    return (this.episodeTable ??= new PostgresEpisodeTable(this.pool));
  }

  // Human in the loop: agent runs that pause at approval gates, the approvals, the review queue.
  private agentRunTable: PostgresAgentRunTable | undefined;
  private approvalTable: PostgresApprovalTable | undefined;
  private reviewTable: PostgresReviewTable | undefined;

  get agentRuns(): PostgresAgentRunTable {
    this.assertOpen();
    return (this.agentRunTable ??= new PostgresAgentRunTable(this.pool, this.owner));
  }

  get approvals(): PostgresApprovalTable {
    this.assertOpen();
    return (this.approvalTable ??= new PostgresApprovalTable(this.pool));
  }

  get reviews(): PostgresReviewTable {
    this.assertOpen();
    return (this.reviewTable ??= new PostgresReviewTable(this.pool));
  }

  // The durable job queue (queue/'s store backend).
  private queueJobTable: PostgresQueueJobTable | undefined;

  get queueJobs(): PostgresQueueJobTable {
    this.assertOpen();
    return (this.queueJobTable ??= new PostgresQueueJobTable(this.pool));
  }

  // The content pipeline's runs (content/'s worker loop writes them, the content report reads them).
  private contentRunTable: PostgresContentRunTable | undefined;

  get contentRuns(): PostgresContentRunTable {
    this.assertOpen();
    return (this.contentRunTable ??= new PostgresContentRunTable(this.pool));
  }

  // Lifecycle

  async close(): Promise<void> {
    if (!this.open || this.closing) return;
    this.closing = true;
    try {
      await this.caseResultWriter.flush();
      await this.ownership.interruptUnfinished();
    } finally {
      this.open = false;
      this.ownership.stopHeartbeat();
      this.caseResultWriter.cancelTimer();
      await this.ownPool.end();
    }
  }

  private assertOpen(): void {
    if (!this.open) throw storeClosed(this.location);
  }
}
