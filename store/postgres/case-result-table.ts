// The `case_results` table on PostgreSQL. A batch is one INSERT … SELECT FROM unnest(…) ON CONFLICT
// DO UPDATE: one round trip and one statement per batch whatever its size, a cell added again replacing
// the result in place (the trigger moves its totals). Rows are mapped with SQLite's own row functions.
import { caseResultKey } from '../records.js';
import type { CaseOutcome, CaseResultRecord, RunStatus } from '../records.js';
import { fromRow } from '../case-result-table.js';
import type { CaseHistoryEntry, CaseHistoryOptions, CaseResultFilter, CaseResultRow } from '../case-result-table.js';
import { retryingConflicts, rows } from './queryable.js';
import type { Queryable } from './queryable.js';
import { SqlParameters, storableText, whereSql } from './sql-parameters.js';

export { fromRow as caseResultFromRow };

/** Every column with its PostgreSQL array type, in the order rows are unnested. */
const columnTypes: ReadonlyArray<[keyof CaseResultRow, string]> = [
  ['run_id', 'text'], ['case_id', 'text'], ['agent', 'text'], ['model', 'text'], ['epoch', 'integer'], ['status', 'text'],
  ['agent_status', 'text'], ['checks', 'text'], ['output', 'text'], ['error', 'text'], ['tools_called', 'text'],
  ['model_calls', 'integer'], ['tool_calls', 'integer'], ['input_tokens', 'bigint'], ['output_tokens', 'bigint'],
  ['cost_usd', 'double precision'], ['latency_ms', 'double precision'], ['trace_id', 'text'], ['seed', 'bigint'], ['tags', 'text'],
  ['started_at', 'bigint'], ['finished_at', 'bigint'], ['confidence', 'double precision'], ['escalated', 'smallint'],
];
const columns = columnTypes.map(([column]) => column);
const keyColumns = new Set<string>(['run_id', 'case_id', 'agent', 'model', 'epoch']);

const upsertSql = `INSERT INTO case_results (${columns.join(', ')})
  SELECT * FROM unnest(${columnTypes.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})
  ON CONFLICT (run_id, case_id, agent, model, epoch) DO UPDATE SET
  ${columns.filter((column) => !keyColumns.has(column)).map((column) => `${column} = excluded.${column}`).join(', ')}`;

/** The table's columns, qualified, in the order fromRow reads them. */
export const selectedColumns = columns.map((column) => `case_results.${column}`).join(', ');
const resultOrder = 'ORDER BY case_id, agent, model, epoch';

/**
 * One row per cell, the last added winning as it does when SQLite upserts them one by one (a single
 * ON CONFLICT DO UPDATE statement may not touch a row twice), ordered so that writers into one run take
 * their locks in the same order; a deadlock left (two writers of the same cells) is retried.
 */
function lastPerCell(batch: readonly CaseResultRow[]): CaseResultRow[] {
  const cells = new Map<string, CaseResultRow>();
  // Keyed run, model, agent first: the trigger locks each (run, model, agent) totals row as its first row
  // goes in, so writers take those locks in one order too.
  for (const row of batch) cells.set(`${row.run_id}\u0000${row.model}\u0000${row.agent}\u0000${row.case_id}\u0000${row.epoch}`, row);
  return [...cells.entries()].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)).map(([, row]) => row);
}

export class PostgresCaseResultTable {
  constructor(private readonly database: Queryable) {}

  /** Writes the rows in one statement: all of them or none. */
  async write(batch: readonly CaseResultRow[]): Promise<void> {
    if (batch.length === 0) return;
    const cells = lastPerCell(batch);
    const values = columns.map((column) => cells.map((row) => storableText(row[column])));
    await retryingConflicts(() => this.database.query(upsertSql, values));
  }

  async list(runId: string, filter: CaseResultFilter = {}): Promise<CaseResultRecord[]> {
    const parameters = new SqlParameters();
    const conditions = [`run_id = ${parameters.add(runId)}`];
    if (filter.status !== undefined) conditions.push(`status = ${parameters.add(filter.status)}`);
    if (filter.caseId !== undefined) conditions.push(`case_id = ${parameters.add(filter.caseId)}`);
    if (filter.agent !== undefined) conditions.push(`agent = ${parameters.add(filter.agent)}`);
    if (filter.model !== undefined) conditions.push(`model = ${parameters.add(filter.model)}`);
    const found = await rows<CaseResultRow>(this.database, `SELECT ${selectedColumns} FROM case_results ${whereSql(conditions)} ${resultOrder}`, parameters.values);
    return found.map(fromRow);
  }

  /** The run's results without checks, output and the other text: what statistics need, in the order of `list`. */
  async outcomes(runId: string): Promise<CaseOutcome[]> {
    const found = await this.database.query<unknown[]>({
      text: `SELECT case_id, agent, model, epoch, status, input_tokens, output_tokens, cost_usd, latency_ms, confidence, escalated FROM case_results WHERE run_id = $1 ${resultOrder}`,
      values: [runId],
      rowMode: 'array',
    });
    return found.rows.map((row) => {
      const [caseId, agent, model, epoch, status, inputTokens, outputTokens, costUsd, latencyMs, confidence, escalated] = row as [
        string, string, string, number, CaseOutcome['status'], number, number, number | null, number, number | null, number | null,
      ];
      return {
        caseId, agent, model, epoch, status, inputTokens, outputTokens, ...(costUsd === null ? {} : { costUsd }), latencyMs,
        ...(confidence === null ? {} : { confidence }),
        ...(escalated === null ? {} : { escalated: escalated === 1 }),
      };
    });
  }

  async completedKeys(runId: string): Promise<Set<string>> {
    const found = await rows<{ case_id: string; agent: string; model: string; epoch: number }>(this.database, 'SELECT case_id, agent, model, epoch FROM case_results WHERE run_id = $1', [runId]);
    return new Set(found.map((row) => caseResultKey({ caseId: row.case_id, agent: row.agent, model: row.model, epoch: row.epoch })));
  }

  /** Newest result first, by when the result started (which the (case_id, started_at) index serves). */
  async history(caseId: string, options: CaseHistoryOptions = {}): Promise<CaseHistoryEntry[]> {
    const parameters = new SqlParameters();
    const conditions = [`case_results.case_id = ${parameters.add(caseId)}`];
    if (options.agent !== undefined) conditions.push(`case_results.agent = ${parameters.add(options.agent)}`);
    if (options.model !== undefined) conditions.push(`case_results.model = ${parameters.add(options.model)}`);
    const sql = `SELECT ${selectedColumns}, runs.started_at AS run_started_at, runs.status AS run_status, runs.git_commit AS run_git_commit
      FROM case_results JOIN runs ON runs.id = case_results.run_id
      ${whereSql(conditions)} ORDER BY case_results.started_at DESC, case_results.id DESC LIMIT ${parameters.add(options.limit ?? null)}`;
    const found = await rows<CaseResultRow & { run_started_at: number; run_status: RunStatus; run_git_commit: string | null }>(this.database, sql, parameters.values);
    return found.map((row) => ({
      ...fromRow(row),
      runStartedAt: row.run_started_at,
      runStatus: row.run_status,
      ...(row.run_git_commit === null ? {} : { runGitCommit: row.run_git_commit }),
    }));
  }
}
