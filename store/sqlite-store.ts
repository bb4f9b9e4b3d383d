// The SQLite store: runs, case results and spans behind one object that the eval runner writes to,
// the report server reads from, and spans are written into once normalised (tracing's
// normalizingSink does that for the SDK; the OTLP receiver does it for what it receives).
// Case results are buffered and written in batches; reads on this object flush them first, so
// it always sees its own writes. Other connections see them once a batch is committed.
// Runs created or reopened here carry this process as their owner and a heartbeat; every read of
// runs first settles running runs whose owner is gone as `interrupted` (see run-owner.ts).
import type { Database } from 'better-sqlite3';
import type { NormalizedSpan, SpanRecord } from '../tracing/index.js';
import { BatchWriter } from './batch-writer.js';
import { CaseResultTable, toCaseResultRow } from './case-result-table.js';
import type { CaseHistoryEntry, CaseHistoryOptions, CaseResultFilter, CaseResultRow } from './case-result-table.js';
import { CaseReportQueries } from './case-report-queries.js';
import { CaseVerdictQueries } from './case-verdict-queries.js';
import type { CaseVerdict, NewestCaseDefinition, TraceCaseReference } from './case-verdict-queries.js';
import { DatasetCaseTable } from './dataset-case-table.js';
import { AgentRunTable } from './agent-run-table.js';
import { ApprovalTable } from './approval-table.js';
import { ReviewTable } from './review-table.js';
import { QueueJobTable } from './queue-job-table.js';
import { ContentRunTable } from './content-run-table.js';
import { EpisodeTable } from './episode-table.js';
import { MemoryTable } from './memory-table.js';
import { caseResultBatchSize, caseResultFlushDelayMs, runHeartbeatIntervalMs, staleRunAfterMs } from './constants.js';
import { runNotFound, storeClosed, storeWriteFailed } from './errors.js';
import { PeriodReportQueries } from './period-report-queries.js';
import { ResultPageQueries } from './result-page-queries.js';
import type { ResultPage, ResultPageFilter, ResultPageOptions, ResultStatusCounts } from './result-page-queries.js';
import type { CaseDefinition, CaseOutcome, CaseResultRecord, RunOwner, RunRecord, RunShardRecord, RunStatus } from './records.js';
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
import { currentRunOwner, isAbandoned } from './run-owner.js';
import { RunReportQueries } from './run-report-queries.js';
import type { FlakyResultFilter } from './run-report-queries.js';
import { RunShardTable } from './run-shard-table.js';
import { ShardedRuns } from './sharded-runs.js';
import type { ShardJoin, ShardJoined } from './sharded-runs.js';
import { RunTable } from './run-table.js';
import type { LatestRunOptions, ListRunsOptions } from './run-table.js';
import { SpanTable } from './span-table.js';
import type { ServiceCost, TraceListEntry, TraceListOptions } from './trace-records.js';
import { TraceTable } from './trace-table.js';

/** A whole run as `importRun` writes it. */
export interface RunImport {
  run: RunRecord;
  shards: readonly RunShardRecord[];
  results: readonly CaseResultRecord[];
  datasetCases: readonly CaseDefinition[];
  /** The spans of the results' traces, normalised. */
  spans: readonly NormalizedSpan[];
}

export interface StoreBatchOptions {
  /** Case results written per transaction; `caseResultBatchSize` by default. */
  batchSize?: number;
  /** The longest a case result waits in the buffer; `caseResultFlushDelayMs` by default. */
  flushDelayMs?: number;
}

export interface StoreOptions extends StoreBatchOptions {
  /** The clock of heartbeats and of telling a stale one; Date.now by default. */
  now?: () => number;
  /** The process the runs created here belong to; this one by default. */
  owner?: RunOwner;
  /** `runHeartbeatIntervalMs` by default. */
  heartbeatIntervalMs?: number;
}

export class Store {
  /** The database file as given to openStore, for messages. */
  readonly path: string;
  private readonly database: Database;
  private readonly runTable: RunTable;
  private readonly shardedRuns: ShardedRuns;
  private readonly runShardTable: RunShardTable;
  private readonly caseResultTable: CaseResultTable;
  private readonly spanTable: SpanTable;
  private readonly traceTable: TraceTable;
  private readonly datasetCaseTable: DatasetCaseTable;
  private readonly runReports: RunReportQueries;
  private readonly periodReports: PeriodReportQueries;
  private readonly caseReports: CaseReportQueries;
  private readonly caseVerdicts: CaseVerdictQueries;
  private readonly resultPages: ResultPageQueries;
  private readonly caseResultWriter: BatchWriter<CaseResultRow>;
  /** Runs this object has seen exist, so adding a result does not query for its run each time. */
  private readonly knownRunIds = new Set<string>();
  private readonly now: () => number;
  private readonly owner: RunOwner;
  private readonly heartbeatIntervalMs: number;
  /** Runs this object is making: their heartbeat is kept fresh, and closing interrupts those not finished. */
  private readonly ownedRunIds = new Set<string>();
  /** Shards of runs made by several processes that this object is making, by `runId\u0000index`. */
  private readonly ownedShards = new Map<string, { runId: string; index: number }>();
  private heartbeatTimer: NodeJS.Timeout | undefined;

  /** Takes a database that is open, configured and migrated: use openStore(). */
  constructor(database: Database, path: string, options: StoreOptions = {}) {
    this.database = database;
    this.path = path;
    this.now = options.now ?? Date.now;
    this.owner = options.owner ?? currentRunOwner();
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? runHeartbeatIntervalMs;
    this.runTable = new RunTable(database);
    this.runShardTable = new RunShardTable(database);
    this.shardedRuns = new ShardedRuns(database, this.runTable, this.runShardTable);
    this.caseResultTable = new CaseResultTable(database);
    this.spanTable = new SpanTable(database);
    this.traceTable = new TraceTable(database);
    this.datasetCaseTable = new DatasetCaseTable(database);
    this.runReports = new RunReportQueries(database);
    this.periodReports = new PeriodReportQueries(database);
    this.caseReports = new CaseReportQueries(database);
    this.caseVerdicts = new CaseVerdictQueries(database);
    this.resultPages = new ResultPageQueries(database);
    this.caseResultWriter = new BatchWriter<CaseResultRow>({
      size: options.batchSize ?? caseResultBatchSize,
      delayMs: options.flushDelayMs ?? caseResultFlushDelayMs,
      write: (rows) => {
        try {
          this.caseResultTable.write(rows);
        } catch (error) {
          throw storeWriteFailed(this.path, `${rows.length} case results`, error);
        }
      },
    });
  }

  get isOpen(): boolean {
    return this.database.open;
  }

  // Runs

  /**
   * Throws AGENTLAB_RUN_ALREADY_EXISTS when a run has this id. A run without an owner is stamped as
   * this process's, with a heartbeat of now, and kept alive until it is finished or the store closes.
   */
  createRun(run: RunRecord): void {
    this.assertOpen();
    this.runTable.create({ ...run, owner: run.owner ?? this.owner, heartbeatAt: run.heartbeatAt ?? this.now() });
    this.knownRunIds.add(run.id);
    if (run.owner === undefined && run.status === 'running') this.own(run.id);
  }

  /** Writes the run's buffered case results first, so a finished run has all of them. */
  finishRun(id: string, status: RunStatus, finishedAt: number): void {
    this.flush();
    this.runTable.setStatus(id, status, finishedAt);
    this.disown(id);
  }

  /**
   * Marks a run `running` again, with no finish time and this process as its owner, when it is
   * resumed. Throws AGENTLAB_RUN_IN_PROGRESS while another process that is alive is still making it.
   */
  reopenRun(id: string): void {
    this.assertOpen();
    this.settleAbandonedRuns();
    this.runTable.reopen(id, this.owner, this.now());
    this.own(id);
  }

  // Runs made by several processes, one shard each (sharded-runs.ts)

  /**
   * Records `run` (its `config.shards` says how many shards make it) unless a run has its id, and
   * registers shard `shard.index` as made by this process, in one transaction. `shard.check` sees the run
   * already recorded and throws to refuse the shard. Throws AGENTLAB_SHARD_IN_PROGRESS while a live
   * process makes the same shard, AGENTLAB_RUN_NOT_SHARDED when the id names a run not made by shards.
   * A shard that completed or was interrupted before is taken over: running it again resumes it.
   */
  joinRunShard(run: RunRecord, shard: ShardJoin): ShardJoined {
    this.assertOpen();
    const joined = this.shardedRuns.join(run, shard, this.owner, this.abandonedOptions());
    this.knownRunIds.add(run.id);
    this.ownedShards.set(`${run.id}\u0000${shard.index}`, { runId: run.id, index: shard.index });
    this.startHeartbeat();
    return joined;
  }

  /**
   * Writes the buffered results, finishes the shard and settles the run from its shards: completed
   * once every shard is, running while another is, interrupted otherwise. Returns the run as it stands.
   */
  finishRunShard(runId: string, index: number, status: Exclude<RunStatus, 'running'>, finishedAt: number): RunRecord {
    this.flush();
    const run = this.shardedRuns.finish(runId, index, status, finishedAt, this.owner, this.abandonedOptions());
    this.ownedShards.delete(`${runId}\u0000${index}`);
    if (this.ownedRunIds.size === 0 && this.ownedShards.size === 0) this.stopHeartbeat();
    return run;
  }

  /** The shards of a run made by several processes, by index; empty for other runs. */
  runShards(runId: string): RunShardRecord[] {
    this.assertOpen();
    this.settleAbandonedRuns();
    return this.shardedRuns.list(runId);
  }

  /**
   * Writes a whole run made elsewhere (`agentlab merge` of shard files): the run, its shards, results,
   * the dataset's case definitions and the spans of its traces, in one transaction, so a refusal or a
   * failure leaves the store as it was. Throws AGENTLAB_RUN_ALREADY_EXISTS when a run has its id.
   */
  importRun(copy: RunImport): void {
    this.assertOpen();
    this.flush();
    this.database.transaction(() => {
      this.runTable.create(copy.run);
      for (const shard of copy.shards) this.runShardTable.insert(shard);
      this.datasetCaseTable.record(copy.run.datasetHash, copy.datasetCases);
      this.caseResultTable.write(copy.results.map(toCaseResultRow));
      this.spanTable.write(copy.spans);
    })();
    this.knownRunIds.add(copy.run.id);
  }

  // Dataset cases

  /** Keeps a dataset's case definitions by its hash; a hash already kept is left as it is. */
  recordDatasetCases(datasetHash: string, cases: readonly CaseDefinition[]): void {
    this.assertOpen();
    this.datasetCaseTable.record(datasetHash, cases);
  }

  /** What the case asked for in the dataset with this hash; undefined for runs stored before definitions were kept. */
  datasetCase(datasetHash: string, caseId: string): CaseDefinition | undefined {
    this.assertOpen();
    return this.datasetCaseTable.get(datasetHash, caseId);
  }

  datasetCases(datasetHash: string, caseIds: readonly string[]): Map<string, CaseDefinition> {
    this.assertOpen();
    return this.datasetCaseTable.getMany(datasetHash, caseIds);
  }

  getRun(id: string): RunRecord | undefined {
    this.assertOpen();
    this.settleAbandonedRuns();
    return this.runTable.get(id);
  }

  /** Newest first. */
  listRuns(options: ListRunsOptions = {}): RunRecord[] {
    this.assertOpen();
    this.settleAbandonedRuns();
    return this.runTable.list(options);
  }

  /** The newest run matching every option given; for `--baseline latest` pass `status: 'completed'`. */
  latestRun(options: LatestRunOptions = {}): RunRecord | undefined {
    this.assertOpen();
    this.settleAbandonedRuns();
    return this.runTable.latest(options);
  }

  /** A full id, or a prefix that starts exactly one run's id. Throws AGENTLAB_RUN_NOT_FOUND or AGENTLAB_RUN_ID_AMBIGUOUS. */
  resolveRunId(idOrPrefix: string): string {
    this.assertOpen();
    return this.runTable.resolveId(idOrPrefix);
  }

  // Case results

  /**
   * Buffers the result; it is written with others in one transaction (see StoreBatchOptions), on
   * flush() and on close(). A result for a cell the run already has replaces it. Throws
   * AGENTLAB_RUN_NOT_FOUND for a run that does not exist.
   */
  addCaseResult(result: CaseResultRecord): void {
    this.assertOpen();
    if (!this.knownRunIds.has(result.runId)) {
      if (!this.runTable.exists(result.runId)) throw runNotFound(result.runId);
      this.knownRunIds.add(result.runId);
    }
    this.caseResultWriter.add(toCaseResultRow(result));
  }

  /** Writes the buffered case results now. Throws AGENTLAB_STORE_WRITE_FAILED, keeping them buffered. */
  flush(): void {
    this.assertOpen();
    this.caseResultWriter.flush();
  }

  /** Ordered by case id, agent, model and epoch. */
  caseResults(runId: string, filter: CaseResultFilter = {}): CaseResultRecord[] {
    this.flush();
    return this.caseResultTable.list(runId, filter);
  }

  /** The run's results as statistics need them (no checks, output or tags): cheap for very large runs. */
  caseOutcomes(runId: string): CaseOutcome[] {
    this.flush();
    return this.caseResultTable.outcomes(runId);
  }

  /** `caseResultKey` of every result the run holds, whatever its status: what a resume can skip. */
  completedKeys(runId: string): Set<string> {
    this.flush();
    return this.caseResultTable.completedKeys(runId);
  }

  /** The case's results across runs, newest first. */
  caseHistory(caseId: string, options: CaseHistoryOptions = {}): CaseHistoryEntry[] {
    this.flush();
    this.settleAbandonedRuns();
    return this.caseResultTable.history(caseId, options);
  }

  // Spans

  /**
   * Inserts the spans, with what they add to their traces' totals, in one transaction; a span
   * already stored (same trace and span id) is kept as it was and not counted again.
   */
  writeSpans(entries: readonly NormalizedSpan[]): void {
    this.assertOpen();
    try {
      this.spanTable.write(entries);
    } catch (error) {
      throw storeWriteFailed(this.path, `${entries.length} spans`, error);
    }
  }

  /** The trace's spans by start time. */
  spans(traceId: string): SpanRecord[] {
    this.assertOpen();
    return this.spanTable.trace(traceId);
  }

  /** A page of traces, own and foreign, newest first, each with its totals. */
  traces(options: TraceListOptions = {}): TraceListEntry[] {
    this.assertOpen();
    return this.traceTable.list(options);
  }

  /** Every service that sent a trace. */
  traceServices(): string[] {
    this.assertOpen();
    return this.traceTable.services();
  }

  /** Spend by service of the traces started in the period, foreign ones included. */
  serviceCosts(period: PeriodOptions = {}): ServiceCost[] {
    this.assertOpen();
    return this.traceTable.serviceCosts(period);
  }

  // Report queries: aggregated in SQL (mostly over run_group_totals), each flushing buffered results first.

  /** One page of runs, newest first, each with its totals. */
  runOverviews(options: RunOverviewOptions = {}): RunOverview[] {
    this.flush();
    this.settleAbandonedRuns();
    return this.runReports.overviews(options);
  }

  countRuns(options: Pick<RunOverviewOptions, 'datasetPath' | 'status'> = {}): number {
    this.assertOpen();
    this.settleAbandonedRuns();
    return this.runReports.count(options);
  }

  /** The run's totals per (model, agent), by model then agent. */
  runGroupTotals(runId: string): GroupTotals[] {
    this.flush();
    return this.runReports.groupTotals(runId);
  }

  /** Results of the run's flaky cells (passed in some epochs, failed in others), ordered like caseResults. */
  flakyCaseResults(runId: string, filter: FlakyResultFilter = {}): CaseResultRecord[] {
    this.flush();
    return this.runReports.flakyResults(runId, filter);
  }

  /** Dataset paths runs were made on, most recently used first. */
  datasets(): DatasetOverview[] {
    this.assertOpen();
    return this.runReports.datasets();
  }

  /** Totals per day (UTC, by run start) × model × agent over the runs started in the period. */
  dailyGroupTotals(options: PeriodOptions = {}): DailyGroupTotals[] {
    this.flush();
    return this.periodReports.dailyGroupTotals(options);
  }

  /** Totals by model, agent, dataset and day over the runs started in the period. */
  costBreakdown(options: PeriodOptions = {}): CostBreakdown {
    this.flush();
    return this.periodReports.costBreakdown(options);
  }

  /** The case's outcome per run, agent and model (epochs summed), newest run first. */
  caseRunOutcomes(caseId: string, options: CaseOutcomeOptions = {}): CaseRunOutcome[] {
    this.flush();
    this.settleAbandonedRuns();
    return this.caseReports.runOutcomes(caseId, options);
  }

  /** The case's totals per (agent, model) across every run, with how many runs were flaky. */
  caseGroupTotals(caseId: string, options: Omit<CaseOutcomeOptions, 'limit'> = {}): CaseGroupTotals[] {
    this.flush();
    return this.caseReports.groupTotals(caseId, options);
  }

  // The run page's results: a page under a filter, the status tabs' counts and the tags to filter by.

  /** One page of the run's results under the filter (ordered like caseResults) and how many match in all. */
  caseResultPage(runId: string, options: ResultPageOptions): ResultPage {
    this.flush();
    return this.resultPages.page(runId, options);
  }

  /** How many results each status (and flaky cells) holds under the filter's other conditions. */
  caseResultStatusCounts(runId: string, filter: Omit<ResultPageFilter, 'status'> = {}): ResultStatusCounts {
    this.flush();
    return this.resultPages.statusCounts(runId, filter);
  }

  /** Every tag the run's results carry, sorted. */
  caseResultTags(runId: string): string[] {
    this.flush();
    return this.resultPages.tags(runId);
  }

  // Verdicts beside a trace and a case's runs (the trace and case pages).

  /** The result a trace belongs to, by the run, case (and epoch, agent) its spans name. */
  traceCaseResult(reference: TraceCaseReference): CaseResultRecord | undefined {
    this.flush();
    return this.caseVerdicts.resultOfTrace(reference);
  }

  /** The case's results in these runs that did not pass: checks and error, no output. */
  unpassedCaseVerdicts(caseId: string, runIds: readonly string[]): CaseVerdict[] {
    this.flush();
    return this.caseVerdicts.unpassedVerdicts(caseId, runIds);
  }

  /** The case's definition as the newest run with a result of it recorded it; undefined when none did. */
  newestCaseDefinition(caseId: string): NewestCaseDefinition | undefined {
    this.flush();
    return this.caseVerdicts.newestDefinition(caseId);
  }

  // Long-term and episodic memory (agents/memory): facts and episodes with their sqlite-vec indexes,
  // made on first use so that sqlite-vec is loaded only into connections that need it.
  private memoryTable: MemoryTable | undefined;
  private episodeTable: EpisodeTable | undefined;

  /** Memories (facts) and their vector index; each write puts a row and its vector in one transaction. */
  get memories(): MemoryTable {
    this.assertOpen();
    return (this.memoryTable ??= new MemoryTable(this.database, this.path));
  }

  /** Episodes (goal, steps, outcome, lesson) and the vector index on their goals. */
  get episodes(): EpisodeTable {
    this.assertOpen();
    return (this.episodeTable ??= new EpisodeTable(this.database, this.path));
  }

  // Human in the loop: agent runs that pause at approval gates, the approvals, the review queue.
  private agentRunTable: AgentRunTable | undefined;
  private approvalTable: ApprovalTable | undefined;
  private reviewTable: ReviewTable | undefined;

  /** Runs of `agentlab run`, with the journal a resume replays. */
  get agentRuns(): AgentRunTable {
    this.assertOpen();
    return (this.agentRunTable ??= new AgentRunTable(this.database, this.owner));
  }

  /** Gated tool calls and the decisions on them. */
  get approvals(): ApprovalTable {
    this.assertOpen();
    return (this.approvalTable ??= new ApprovalTable(this.database));
  }

  /** The review queue: escalated answers and tasks that spent their retries. */
  get reviews(): ReviewTable {
    this.assertOpen();
    return (this.reviewTable ??= new ReviewTable(this.database));
  }

  // The durable job queue (queue/'s store backend).
  private queueJobTable: QueueJobTable | undefined;

  /** Queue jobs: leases, checkpoints, retries and the dead letter, each change one conditional UPDATE. */
  get queueJobs(): QueueJobTable {
    this.assertOpen();
    return (this.queueJobTable ??= new QueueJobTable(this.database));
  }

  // The content pipeline's runs (content/'s worker loop writes them, the content report reads them).
  private contentRunTable: ContentRunTable | undefined;

  /** One row per finished run of a content piece by a worker. */
  get contentRuns(): ContentRunTable {
    this.assertOpen();
    return (this.contentRunTable ??= new ContentRunTable(this.database));
  }

  // Lifecycle

  /**
   * Writes the buffered case results, marks the runs this object was making and did not finish as
   * `interrupted`, then closes the database. Closing twice does nothing.
   */
  close(): void {
    if (!this.database.open) return;
    try {
      this.caseResultWriter.flush();
      for (const id of this.ownedRunIds) {
        if (this.runTable.get(id)?.status === 'running') this.runTable.setStatus(id, 'interrupted', this.now());
      }
      for (const { runId, index } of this.ownedShards.values()) this.shardedRuns.finish(runId, index, 'interrupted', this.now(), this.owner, this.abandonedOptions());
    } finally {
      this.ownedRunIds.clear();
      this.ownedShards.clear();
      this.stopHeartbeat();
      this.caseResultWriter.cancelTimer();
      this.database.close();
    }
  }

  private assertOpen(): void {
    if (!this.database.open) throw storeClosed(this.path);
  }

  // Owners and heartbeats

  /**
   * Running runs whose owner is gone become `interrupted` before runs are read, so every query,
   * its filters and counts agree. A file this connection cannot write is read as it is.
   */
  private settleAbandonedRuns(): void {
    const options = { here: this.owner, ...this.abandonedOptions() };
    for (const run of this.runTable.running()) {
      try {
        // A run made by shards lives while any of its shards does, whoever recorded it.
        if (run.config.shards !== undefined) this.shardedRuns.settle(run, options);
        else if (!this.ownedRunIds.has(run.id) && isAbandoned(run, options)) this.runTable.markInterrupted(run);
      } catch {
        // Read-only or busy: the next read tries again.
      }
    }
  }

  private abandonedOptions(): { now: number; staleRunAfterMs: number } {
    return { now: this.now(), staleRunAfterMs };
  }

  private own(id: string): void {
    this.ownedRunIds.add(id);
    this.startHeartbeat();
  }

  private startHeartbeat(): void {
    if (this.heartbeatTimer) return;
    this.heartbeatTimer = setInterval(() => this.beat(), this.heartbeatIntervalMs);
    // The heartbeat says the process is alive; it must not be what keeps it alive.
    this.heartbeatTimer.unref();
  }

  private disown(id: string): void {
    this.ownedRunIds.delete(id);
    if (this.ownedRunIds.size === 0 && this.ownedShards.size === 0) this.stopHeartbeat();
  }

  private beat(): void {
    if (!this.database.open) return;
    const at = this.now();
    for (const id of this.ownedRunIds) {
      try {
        this.runTable.heartbeat(id, this.owner, at);
      } catch {
        // Busy: the next beat comes well before the run could be taken for stale.
      }
    }
    for (const { runId, index } of this.ownedShards.values()) {
      try {
        this.shardedRuns.heartbeat(runId, index, this.owner, at);
      } catch {
        // As above.
      }
    }
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }
}
