// Report queries about runs on PostgreSQL: the runs list with each run's totals, a run's (model,
// agent) totals, its flaky results, and datasets; the same answers as store/run-report-queries.ts.
import type { CaseResultRow } from '../case-result-table.js';
import type { CaseResultRecord } from '../records.js';
import type { DatasetOverview, GroupTotals, RunOverview, RunOverviewOptions } from '../report-records.js';
import { toResultTotals } from '../result-totals.js';
import type { TotalsRow } from '../result-totals.js';
import type { FlakyResultFilter } from '../run-report-queries.js';
import type { RunRow } from '../run-table.js';
import { caseResultFromRow, selectedColumns } from './case-result-table.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';
import { flakyCellHaving, sumTotalsSql } from './result-totals.js';
import { runFromRow } from './run-table.js';
import { SqlParameters, whereSql } from './sql-parameters.js';

function runConditions(options: Pick<RunOverviewOptions, 'datasetPath' | 'status'>, parameters: SqlParameters): string[] {
  const conditions: string[] = [];
  if (options.datasetPath !== undefined) conditions.push(`dataset_path = ${parameters.add(options.datasetPath)}`);
  if (options.status !== undefined) conditions.push(`status = ${parameters.add(options.status)}`);
  return conditions;
}

export class PostgresRunReportQueries {
  constructor(private readonly database: Queryable) {}

  /** Newest first; the page of runs is chosen before its totals are read (a lateral sum per run of the page). */
  async overviews(options: RunOverviewOptions = {}): Promise<RunOverview[]> {
    const parameters = new SqlParameters();
    const where = whereSql(runConditions(options, parameters));
    const sql = `SELECT page.*, sums.* FROM (
        SELECT * FROM runs ${where} ORDER BY started_at DESC, id DESC LIMIT ${parameters.add(options.limit ?? null)} OFFSET ${parameters.add(options.offset ?? 0)}
      ) AS page
      CROSS JOIN LATERAL (SELECT ${sumTotalsSql('totals')} FROM run_group_totals AS totals WHERE totals.run_id = page.id) AS sums
      ORDER BY page.started_at DESC, page.id DESC`;
    const found = await rows<RunRow & TotalsRow>(this.database, sql, parameters.values);
    return found.map((row) => ({ run: runFromRow(row), totals: toResultTotals(row) }));
  }

  async count(options: Pick<RunOverviewOptions, 'datasetPath' | 'status'> = {}): Promise<number> {
    const parameters = new SqlParameters();
    const [row] = await rows<{ count: number }>(this.database, `SELECT COUNT(*) AS count FROM runs ${whereSql(runConditions(options, parameters))}`, parameters.values);
    return row?.count ?? 0;
  }

  /** By model, then agent. */
  async groupTotals(runId: string): Promise<GroupTotals[]> {
    const found = await rows<TotalsRow & { model: string; agent: string }>(
      this.database,
      `SELECT model, agent, ${sumTotalsSql('totals')} FROM run_group_totals AS totals WHERE run_id = $1 GROUP BY model, agent ORDER BY model, agent`,
      [runId],
    );
    return found.map((row) => ({ model: row.model, agent: row.agent, ...toResultTotals(row) }));
  }

  /** Results of the (case, agent, model) cells that passed in some epochs and failed in others; ordered like caseResults. */
  async flakyResults(runId: string, filter: FlakyResultFilter = {}): Promise<CaseResultRecord[]> {
    const parameters = new SqlParameters();
    const conditions = [`run_id = ${parameters.add(runId)}`];
    if (filter.caseId !== undefined) conditions.push(`case_id = ${parameters.add(filter.caseId)}`);
    if (filter.agent !== undefined) conditions.push(`agent = ${parameters.add(filter.agent)}`);
    if (filter.model !== undefined) conditions.push(`model = ${parameters.add(filter.model)}`);
    const where = whereSql(conditions);
    const sql = `SELECT ${selectedColumns} FROM case_results ${where}
      AND (case_id, agent, model) IN (
        SELECT case_id, agent, model FROM case_results ${where}
        GROUP BY case_id, agent, model ${flakyCellHaving('case_results')})
      ORDER BY case_id, agent, model, epoch`;
    return (await rows<CaseResultRow>(this.database, sql, parameters.values)).map(caseResultFromRow);
  }

  /** Every dataset path runs were made on, the most recently used first. */
  async datasets(): Promise<DatasetOverview[]> {
    const found = await rows<{ dataset_path: string; runs: number; last_started_at: number }>(
      this.database,
      'SELECT dataset_path, COUNT(*) AS runs, MAX(started_at) AS last_started_at FROM runs GROUP BY dataset_path ORDER BY last_started_at DESC, dataset_path',
    );
    return found.map((row) => ({ datasetPath: row.dataset_path, runs: row.runs, lastStartedAt: row.last_started_at }));
  }
}
