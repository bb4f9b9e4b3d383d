// Report queries about one case across runs on PostgreSQL: its outcome in each run (epochs summed per
// run, agent and model) and its totals per (agent, model) with how many runs disagreed with themselves.
import type { RunStatus } from '../records.js';
import type { CaseGroupTotals, CaseOutcomeOptions, CaseRunOutcome } from '../report-records.js';
import { toResultTotals } from '../result-totals.js';
import type { TotalsRow } from '../result-totals.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';
import { caseResultTotalsSql, sumTotalsSql } from './result-totals.js';
import { countWhere, SqlParameters, whereSql } from './sql-parameters.js';

function caseConditions(caseId: string, options: CaseOutcomeOptions, parameters: SqlParameters): string {
  const conditions = [`result.case_id = ${parameters.add(caseId)}`];
  if (options.agent !== undefined) conditions.push(`result.agent = ${parameters.add(options.agent)}`);
  if (options.model !== undefined) conditions.push(`result.model = ${parameters.add(options.model)}`);
  return whereSql(conditions);
}

export class PostgresCaseReportQueries {
  constructor(private readonly database: Queryable) {}

  /** Newest run first, then by agent and model; `limit` counts rows (one per run, agent and model). */
  async runOutcomes(caseId: string, options: CaseOutcomeOptions = {}): Promise<CaseRunOutcome[]> {
    const parameters = new SqlParameters();
    const where = caseConditions(caseId, options, parameters);
    // Grouped by runs.id (the primary key) so the run's columns may be selected.
    const sql = `SELECT runs.id AS run_id, runs.started_at AS run_started_at, runs.status AS run_status, runs.git_commit AS run_git_commit,
        result.agent AS agent, result.model AS model, ${caseResultTotalsSql('result')},
        COALESCE(MAX(CASE WHEN result.status <> 'pass' THEN result.trace_id END), MAX(result.trace_id)) AS trace_id
      FROM case_results AS result JOIN runs ON runs.id = result.run_id
      ${where}
      GROUP BY runs.id, result.agent, result.model
      ORDER BY runs.started_at DESC, runs.id DESC, result.agent, result.model
      LIMIT ${parameters.add(options.limit ?? null)}`;
    const found = await rows<TotalsRow & { run_id: string; run_started_at: number; run_status: RunStatus; run_git_commit: string | null; agent: string; model: string; trace_id: string | null }>(
      this.database,
      sql,
      parameters.values,
    );
    return found.map((row) => ({
      runId: row.run_id,
      runStartedAt: row.run_started_at,
      runStatus: row.run_status,
      ...(row.run_git_commit === null ? {} : { runGitCommit: row.run_git_commit }),
      agent: row.agent,
      model: row.model,
      ...toResultTotals(row),
      ...(row.trace_id === null ? {} : { traceId: row.trace_id }),
    }));
  }

  /** By model, then agent; empty when the case has no result. */
  async groupTotals(caseId: string, options: Omit<CaseOutcomeOptions, 'limit'> = {}): Promise<CaseGroupTotals[]> {
    const parameters = new SqlParameters();
    const where = caseConditions(caseId, options, parameters);
    const sql = `SELECT per_run.agent AS agent, per_run.model AS model, COUNT(*) AS runs,
        ${countWhere('per_run.passed > 0 AND per_run.failed > 0')} AS flaky_runs,
        MIN(per_run.first_started_at) AS first_started_at, MAX(per_run.last_started_at) AS last_started_at,
        ${sumTotalsSql('per_run')}
      FROM (
        SELECT result.run_id, result.agent AS agent, result.model AS model, ${caseResultTotalsSql('result')},
          MIN(result.started_at) AS first_started_at, MAX(result.started_at) AS last_started_at
        FROM case_results AS result ${where}
        GROUP BY result.run_id, result.agent, result.model
      ) AS per_run
      GROUP BY per_run.model, per_run.agent ORDER BY per_run.model, per_run.agent`;
    const found = await rows<TotalsRow & { agent: string; model: string; runs: number; flaky_runs: number; first_started_at: number; last_started_at: number }>(
      this.database,
      sql,
      parameters.values,
    );
    return found.map((row) => ({
      agent: row.agent,
      model: row.model,
      runs: row.runs,
      flakyRuns: row.flaky_runs,
      firstStartedAt: row.first_started_at,
      lastStartedAt: row.last_started_at,
      ...toResultTotals(row),
    }));
  }
}
