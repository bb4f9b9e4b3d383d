// The `case_results` table: one row per matrix cell of a run, with scalar columns for what reports
// filter and aggregate on and JSON text for the lists (checks, tools called, tags) and the error.
import type { Database, Statement } from 'better-sqlite3';
import type { CaseOutcome, CaseResultRecord, CaseStatus, CheckResult, RunStatus } from './records.js';
import { caseResultKey } from './records.js';
import { StatementCache, whereClause } from './statement-cache.js';

export interface CaseResultFilter {
  status?: CaseStatus;
  caseId?: string;
  agent?: string;
  model?: string;
}

export interface CaseHistoryOptions {
  /** Every result of the case when not given. */
  limit?: number;
  agent?: string;
  model?: string;
}

/** One result of a case in some run, with what the history page shows about that run. */
export interface CaseHistoryEntry extends CaseResultRecord {
  runStartedAt: number;
  runStatus: RunStatus;
  runGitCommit?: string;
}

/** A case result as bound to the upsert statement; made when the result is added, so later changes to the object do not leak in. */
export interface CaseResultRow {
  run_id: string;
  case_id: string;
  agent: string;
  model: string;
  epoch: number;
  status: CaseStatus;
  agent_status: string;
  checks: string;
  output: string;
  error: string | null;
  tools_called: string;
  model_calls: number;
  tool_calls: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  latency_ms: number;
  trace_id: string | null;
  seed: number;
  tags: string;
  started_at: number;
  finished_at: number;
  confidence: number | null;
  /** 1 or 0; NULL when the answer was not rated. */
  escalated: number | null;
}

/** The outcome columns in select order, read raw (as an array). */
type OutcomeRow = [caseId: string, agent: string, model: string, epoch: number, status: CaseStatus, inputTokens: number, outputTokens: number, costUsd: number | null, latencyMs: number, confidence: number | null, escalated: number | null];

interface CaseHistoryRow extends CaseResultRow {
  run_started_at: number;
  run_status: RunStatus;
  run_git_commit: string | null;
}

const columns: Array<keyof CaseResultRow> = [
  'run_id', 'case_id', 'agent', 'model', 'epoch', 'status', 'agent_status', 'checks', 'output', 'error', 'tools_called',
  'model_calls', 'tool_calls', 'input_tokens', 'output_tokens', 'cost_usd', 'latency_ms', 'trace_id', 'seed', 'tags',
  'started_at', 'finished_at', 'confidence', 'escalated',
];
const keyColumns = new Set<string>(['run_id', 'case_id', 'agent', 'model', 'epoch']);
export const selectedColumns = columns.map((column) => `case_results.${column}`).join(', ');
const resultOrder = 'ORDER BY case_id, agent, model, epoch';

export function toCaseResultRow(result: CaseResultRecord): CaseResultRow {
  return {
    run_id: result.runId,
    case_id: result.caseId,
    agent: result.agent,
    model: result.model,
    epoch: result.epoch,
    status: result.status,
    agent_status: result.agentStatus,
    checks: JSON.stringify(result.checks),
    output: result.output,
    error: result.error === undefined ? null : JSON.stringify(result.error),
    tools_called: JSON.stringify(result.toolsCalled),
    model_calls: result.modelCalls,
    tool_calls: result.toolCalls,
    input_tokens: result.inputTokens,
    output_tokens: result.outputTokens,
    cost_usd: result.costUsd ?? null,
    latency_ms: result.latencyMs,
    trace_id: result.traceId ?? null,
    seed: result.seed,
    tags: JSON.stringify(result.tags),
    started_at: result.startedAt,
    finished_at: result.finishedAt,
    confidence: result.confidence ?? null,
    escalated: result.escalated === undefined ? null : result.escalated ? 1 : 0,
  };
}

export function fromRow(row: CaseResultRow): CaseResultRecord {
  return {
    runId: row.run_id,
    caseId: row.case_id,
    agent: row.agent,
    model: row.model,
    epoch: row.epoch,
    status: row.status,
    checks: JSON.parse(row.checks) as CheckResult[],
    output: row.output,
    agentStatus: row.agent_status,
    ...(row.error === null ? {} : { error: JSON.parse(row.error) as { code: string; message: string } }),
    toolsCalled: JSON.parse(row.tools_called) as string[],
    modelCalls: row.model_calls,
    toolCalls: row.tool_calls,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    ...(row.cost_usd === null ? {} : { costUsd: row.cost_usd }),
    latencyMs: row.latency_ms,
    ...(row.trace_id === null ? {} : { traceId: row.trace_id }),
    seed: row.seed,
    tags: JSON.parse(row.tags) as string[],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    ...(row.confidence === null ? {} : { confidence: row.confidence }),
    ...(row.escalated === null ? {} : { escalated: row.escalated === 1 }),
  };
}

export class CaseResultTable {
  private readonly statements: StatementCache;
  private readonly writeBatch: (rows: CaseResultRow[]) => void;
  private readonly selectKeys: Statement;
  private readonly selectOutcomes: Statement;

  constructor(database: Database) {
    this.statements = new StatementCache(database);
    // Re-adding a cell replaces it in place, so a resumed run never holds two results for one cell.
    const upsert = database.prepare(
      `INSERT INTO case_results (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})
       ON CONFLICT (run_id, case_id, agent, model, epoch) DO UPDATE SET
       ${columns.filter((column) => !keyColumns.has(column)).map((column) => `${column} = excluded.${column}`).join(', ')}`,
    );
    this.writeBatch = database.transaction((rows: CaseResultRow[]) => {
      for (const row of rows) upsert.run(row);
    });
    this.selectKeys = database.prepare('SELECT case_id, agent, model, epoch FROM case_results WHERE run_id = ?');
    this.selectOutcomes = database.prepare(`SELECT case_id, agent, model, epoch, status, input_tokens, output_tokens, cost_usd, latency_ms, confidence, escalated FROM case_results WHERE run_id = ? ${resultOrder}`).raw(true);
  }

  /** Writes the rows in one transaction: all of them or none. */
  write(rows: CaseResultRow[]): void {
    this.writeBatch(rows);
  }

  list(runId: string, filter: CaseResultFilter = {}): CaseResultRecord[] {
    const where = whereClause([
      ['run_id = @runId', 'runId', runId],
      ['status = @status', 'status', filter.status],
      ['case_id = @caseId', 'caseId', filter.caseId],
      ['agent = @agent', 'agent', filter.agent],
      ['model = @model', 'model', filter.model],
    ]);
    const rows = this.statements.get(`SELECT ${selectedColumns} FROM case_results ${where.sql} ${resultOrder}`).all(where.parameters) as CaseResultRow[];
    return rows.map(fromRow);
  }

  /** The run's results without checks, output and the other text: what statistics need, in the order of `list`. */
  outcomes(runId: string): CaseOutcome[] {
    // Row by row, as arrays: no second array of 100,000 row objects next to the outcomes.
    const outcomes: CaseOutcome[] = [];
    for (const row of this.selectOutcomes.iterate(runId) as IterableIterator<OutcomeRow>) {
      const [caseId, agent, model, epoch, status, inputTokens, outputTokens, costUsd, latencyMs, confidence, escalated] = row;
      outcomes.push({
        caseId, agent, model, epoch, status, inputTokens, outputTokens, ...(costUsd === null ? {} : { costUsd }), latencyMs,
        ...(confidence === null ? {} : { confidence }),
        ...(escalated === null ? {} : { escalated: escalated === 1 }),
      });
    }
    return outcomes;
  }

  completedKeys(runId: string): Set<string> {
    const rows = this.selectKeys.all(runId) as Array<{ case_id: string; agent: string; model: string; epoch: number }>;
    return new Set(rows.map((row) => caseResultKey({ caseId: row.case_id, agent: row.agent, model: row.model, epoch: row.epoch })));
  }

  /** Newest result first, by when the result started (which the (case_id, started_at) index serves). */
  history(caseId: string, options: CaseHistoryOptions = {}): CaseHistoryEntry[] {
    const where = whereClause([
      ['case_results.case_id = @caseId', 'caseId', caseId],
      ['case_results.agent = @agent', 'agent', options.agent],
      ['case_results.model = @model', 'model', options.model],
    ]);
    const sql = `SELECT ${selectedColumns}, runs.started_at AS run_started_at, runs.status AS run_status, runs.git_commit AS run_git_commit
      FROM case_results JOIN runs ON runs.id = case_results.run_id
      ${where.sql} ORDER BY case_results.started_at DESC, case_results.id DESC LIMIT @limit`;
    const rows = this.statements.get(sql).all({ ...where.parameters, limit: options.limit ?? -1 }) as CaseHistoryRow[];
    return rows.map((row) => ({
      ...fromRow(row),
      runStartedAt: row.run_started_at,
      runStatus: row.run_status,
      ...(row.run_git_commit === null ? {} : { runGitCommit: row.run_git_commit }),
    }));
  }
}
