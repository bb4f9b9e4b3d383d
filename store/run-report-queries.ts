// Report queries about runs: the runs list with each run's totals (one page of runs joined with
// their few run_group_totals rows), a run's (model, agent) totals, its flaky results, and datasets.
import type { Database } from 'better-sqlite3';
import type { CaseResultFilter, CaseResultRow } from './case-result-table.js';
import { fromRow as caseResultFromRow, selectedColumns as caseResultColumns } from './case-result-table.js';
import type { CaseResultRecord } from './records.js';
import type { DatasetOverview, GroupTotals, RunOverview, RunOverviewOptions } from './report-records.js';
import { sumTotalsSql, toResultTotals } from './result-totals.js';
import type { TotalsRow } from './result-totals.js';
import { fromRow as runFromRow } from './run-table.js';
import type { RunRow } from './run-table.js';
import { StatementCache, whereClause } from './statement-cache.js';

export type FlakyResultFilter = Omit<CaseResultFilter, 'status'>;

export class RunReportQueries {
  private readonly statements: StatementCache;

  constructor(database: Database) {
    this.statements = new StatementCache(database);
  }

  /** Newest first; the page of runs is chosen before the join, so only its totals are read. */
  overviews(options: RunOverviewOptions = {}): RunOverview[] {
    const where = runWhere(options);
    const sql = `WITH page AS (SELECT * FROM runs ${where.sql} ORDER BY started_at DESC, id DESC LIMIT @limit OFFSET @offset)
      SELECT page.*, ${sumTotalsSql('totals')}
      FROM page LEFT JOIN run_group_totals AS totals ON totals.run_id = page.id
      GROUP BY page.id ORDER BY page.started_at DESC, page.id DESC`;
    const rows = this.statements.get(sql).all({ ...where.parameters, limit: options.limit ?? -1, offset: options.offset ?? 0 }) as Array<RunRow & TotalsRow>;
    return rows.map((row) => ({ run: runFromRow(row), totals: toResultTotals(row) }));
  }

  count(options: Pick<RunOverviewOptions, 'datasetPath' | 'status'> = {}): number {
    const where = runWhere(options);
    return (this.statements.get(`SELECT COUNT(*) AS count FROM runs ${where.sql}`).get(where.parameters) as { count: number }).count;
  }

  /** By model, then agent. */
  groupTotals(runId: string): GroupTotals[] {
    const sql = `SELECT model, agent, ${sumTotalsSql('totals')} FROM run_group_totals AS totals
      WHERE run_id = @runId GROUP BY model, agent ORDER BY model, agent`;
    const rows = this.statements.get(sql).all({ runId }) as Array<TotalsRow & { model: string; agent: string }>;
    return rows.map((row) => ({ model: row.model, agent: row.agent, ...toResultTotals(row) }));
  }

  /** Results of the (case, agent, model) cells that passed in some epochs and failed in others; ordered like caseResults. */
  flakyResults(runId: string, filter: FlakyResultFilter = {}): CaseResultRecord[] {
    const where = whereClause([
      ['run_id = @runId', 'runId', runId],
      ['case_id = @caseId', 'caseId', filter.caseId],
      ['agent = @agent', 'agent', filter.agent],
      ['model = @model', 'model', filter.model],
    ]);
    const sql = `SELECT ${caseResultColumns} FROM case_results ${where.sql}
      AND (case_id, agent, model) IN (
        SELECT case_id, agent, model FROM case_results ${where.sql}
        GROUP BY case_id, agent, model HAVING SUM(status = 'pass') > 0 AND SUM(status = 'fail') > 0)
      ORDER BY case_id, agent, model, epoch`;
    return (this.statements.get(sql).all(where.parameters) as CaseResultRow[]).map(caseResultFromRow);
  }

  /** Every dataset path runs were made on, the most recently used first. */
  datasets(): DatasetOverview[] {
    const sql = `SELECT dataset_path, COUNT(*) AS runs, MAX(started_at) AS last_started_at FROM runs
      GROUP BY dataset_path ORDER BY last_started_at DESC, dataset_path`;
    const rows = this.statements.get(sql).all() as Array<{ dataset_path: string; runs: number; last_started_at: number }>;
    return rows.map((row) => ({ datasetPath: row.dataset_path, runs: row.runs, lastStartedAt: row.last_started_at }));
  }
}

function runWhere(options: Pick<RunOverviewOptions, 'datasetPath' | 'status'>): ReturnType<typeof whereClause> {
  return whereClause([
    ['dataset_path = @datasetPath', 'datasetPath', options.datasetPath],
    ['status = @status', 'status', options.status],
  ]);
}
