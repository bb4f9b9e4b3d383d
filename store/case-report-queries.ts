// Report queries about one case across runs: its outcome in each run (epochs summed per run, agent
// and model) and its totals per (agent, model) with how many runs disagreed with themselves. Both
// read the case's rows through the (case_id, started_at) index.
import type { Database } from 'better-sqlite3';
import type { RunStatus } from './records.js';
import type { CaseGroupTotals, CaseOutcomeOptions, CaseRunOutcome } from './report-records.js';
import { caseResultTotalsSql, sumTotalsSql, toResultTotals } from './result-totals.js';
import type { TotalsRow } from './result-totals.js';
import { StatementCache, whereClause } from './statement-cache.js';

interface CaseRunOutcomeRow extends TotalsRow {
  run_id: string;
  run_started_at: number;
  run_status: RunStatus;
  run_git_commit: string | null;
  agent: string;
  model: string;
  trace_id: string | null;
}

interface CaseGroupTotalsRow extends TotalsRow {
  agent: string;
  model: string;
  runs: number;
  flaky_runs: number;
  first_started_at: number;
  last_started_at: number;
}

function caseWhere(caseId: string, options: CaseOutcomeOptions): ReturnType<typeof whereClause> {
  return whereClause([
    ['result.case_id = @caseId', 'caseId', caseId],
    ['result.agent = @agent', 'agent', options.agent],
    ['result.model = @model', 'model', options.model],
  ]);
}

export class CaseReportQueries {
  private readonly statements: StatementCache;

  constructor(database: Database) {
    this.statements = new StatementCache(database);
  }

  /** Newest run first, then by agent and model; `limit` counts rows (one per run, agent and model). */
  runOutcomes(caseId: string, options: CaseOutcomeOptions = {}): CaseRunOutcome[] {
    const where = caseWhere(caseId, options);
    const sql = `SELECT result.run_id AS run_id, runs.started_at AS run_started_at, runs.status AS run_status, runs.git_commit AS run_git_commit,
        result.agent AS agent, result.model AS model, ${caseResultTotalsSql('result')},
        COALESCE(MAX(CASE WHEN result.status <> 'pass' THEN result.trace_id END), MAX(result.trace_id)) AS trace_id
      FROM case_results AS result JOIN runs ON runs.id = result.run_id
      ${where.sql}
      GROUP BY result.run_id, result.agent, result.model
      ORDER BY runs.started_at DESC, result.run_id DESC, result.agent, result.model
      LIMIT @limit`;
    const rows = this.statements.get(sql).all({ ...where.parameters, limit: options.limit ?? -1 }) as CaseRunOutcomeRow[];
    return rows.map((row) => ({
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
  groupTotals(caseId: string, options: Omit<CaseOutcomeOptions, 'limit'> = {}): CaseGroupTotals[] {
    const where = caseWhere(caseId, options);
    const sql = `SELECT per_run.agent AS agent, per_run.model AS model, COUNT(*) AS runs,
        SUM(per_run.passed > 0 AND per_run.failed > 0) AS flaky_runs,
        MIN(per_run.first_started_at) AS first_started_at, MAX(per_run.last_started_at) AS last_started_at,
        ${sumTotalsSql('per_run')}
      FROM (
        SELECT result.run_id, result.agent AS agent, result.model AS model, ${caseResultTotalsSql('result')},
          MIN(result.started_at) AS first_started_at, MAX(result.started_at) AS last_started_at
        FROM case_results AS result ${where.sql}
        GROUP BY result.run_id, result.agent, result.model
      ) AS per_run
      GROUP BY per_run.model, per_run.agent ORDER BY per_run.model, per_run.agent`;
    const rows = this.statements.get(sql).all(where.parameters) as CaseGroupTotalsRow[];
    return rows.map((row) => ({
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
