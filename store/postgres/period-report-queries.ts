// Report queries over a period on PostgreSQL: totals per day × model × agent (trends) and costs by
// model, agent, dataset and day; run_group_totals joined with the period's runs, as on SQLite.
import type { CostBreakdown, DailyGroupTotals, PeriodOptions, ResultTotals } from '../report-records.js';
import { toResultTotals } from '../result-totals.js';
import type { TotalsRow } from '../result-totals.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';
import { sumTotalsSql } from './result-totals.js';
import { SqlParameters, whereSql } from './sql-parameters.js';

/** The runs' start day in UTC, `YYYY-MM-DD`. */
const daySql = "to_char(to_timestamp(runs.started_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";

export class PostgresPeriodReportQueries {
  constructor(private readonly database: Queryable) {}

  /** By day, then model, then agent; COUNT(*) counts the runs, which have one totals row per model and agent. */
  async dailyGroupTotals(options: PeriodOptions = {}): Promise<DailyGroupTotals[]> {
    const found = await this.grouped<{ day: string; model: string; agent: string; runs: number }>(
      `${daySql} AS day, totals.model AS model, totals.agent AS agent, COUNT(*) AS runs`,
      'day, model, agent',
      options,
    );
    return found.map((row) => ({ day: row.day, model: row.model, agent: row.agent, runs: row.runs, ...toResultTotals(row) }));
  }

  async costBreakdown(options: PeriodOptions = {}): Promise<CostBreakdown> {
    const [byModel, byAgent, byDataset, byDay, overall] = await Promise.all([
      this.grouped<{ model: string }>('totals.model AS model', 'model', options),
      this.grouped<{ agent: string }>('totals.agent AS agent', 'agent', options),
      this.grouped<{ dataset_path: string }>('runs.dataset_path AS dataset_path', 'dataset_path', options),
      this.grouped<{ day: string }>(`${daySql} AS day`, 'day', options),
      this.grouped<object>('', '', options),
    ]);
    return {
      byModel: byModel.map((row) => ({ model: row.model, ...toResultTotals(row) })),
      byAgent: byAgent.map((row) => ({ agent: row.agent, ...toResultTotals(row) })),
      byDataset: byDataset.map((row) => ({ datasetPath: row.dataset_path, ...toResultTotals(row) })),
      byDay: byDay.map((row) => ({ day: row.day, ...toResultTotals(row) })),
      overall: overall[0] ? toResultTotals(overall[0]) : emptyTotals(),
    };
  }

  /** Totals of the period's runs grouped by `groupBy` (nothing: one row over everything), ordered by it. */
  private async grouped<Keys extends object>(keys: string, groupBy: string, options: PeriodOptions): Promise<Array<TotalsRow & Keys>> {
    const parameters = new SqlParameters();
    const conditions: string[] = [];
    if (options.since !== undefined) conditions.push(`runs.started_at >= ${parameters.add(options.since)}`);
    if (options.until !== undefined) conditions.push(`runs.started_at < ${parameters.add(options.until)}`);
    if (options.datasetPath !== undefined) conditions.push(`runs.dataset_path = ${parameters.add(options.datasetPath)}`);
    const grouping = groupBy ? `GROUP BY ${groupBy} ORDER BY ${groupBy}` : '';
    const sql = `SELECT ${keys ? `${keys}, ` : ''}${sumTotalsSql('totals')}
      FROM runs JOIN run_group_totals AS totals ON totals.run_id = runs.id
      ${whereSql(conditions)} ${grouping}`;
    return rows<TotalsRow & Keys>(this.database, sql, parameters.values);
  }
}

function emptyTotals(): ResultTotals {
  return { results: 0, passed: 0, failed: 0, errors: 0, inputTokens: 0, outputTokens: 0, pricedResults: 0, pricedPasses: 0, latencyMs: 0 };
}
