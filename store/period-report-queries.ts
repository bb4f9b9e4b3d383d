// Report queries over a period: totals per day × model × agent (the trends page) and costs by model,
// agent, dataset and day (the costs page). Both read run_group_totals joined with the runs started
// in the period, so a year of nightly runs is a few hundred rows per query, not every result.
import type { Database } from 'better-sqlite3';
import type { CostBreakdown, DailyGroupTotals, PeriodOptions, ResultTotals } from './report-records.js';
import { sumTotalsSql, toResultTotals } from './result-totals.js';
import type { TotalsRow } from './result-totals.js';
import { StatementCache, whereClause } from './statement-cache.js';

/** The runs' start day in UTC, `YYYY-MM-DD`. */
const daySql = "date(runs.started_at / 1000, 'unixepoch')";

export class PeriodReportQueries {
  private readonly statements: StatementCache;

  constructor(database: Database) {
    this.statements = new StatementCache(database);
  }

  /** By day, then model, then agent. */
  dailyGroupTotals(options: PeriodOptions = {}): DailyGroupTotals[] {
    const rows = this.grouped(`${daySql} AS day, totals.model AS model, totals.agent AS agent, COUNT(DISTINCT runs.id) AS runs`, 'day, model, agent', options) as Array<
      TotalsRow & { day: string; model: string; agent: string; runs: number }
    >;
    return rows.map((row) => ({ day: row.day, model: row.model, agent: row.agent, runs: row.runs, ...toResultTotals(row) }));
  }

  costBreakdown(options: PeriodOptions = {}): CostBreakdown {
    const byModel = this.grouped('totals.model AS model', 'model', options) as Array<TotalsRow & { model: string }>;
    const byAgent = this.grouped('totals.agent AS agent', 'agent', options) as Array<TotalsRow & { agent: string }>;
    const byDataset = this.grouped('runs.dataset_path AS dataset_path', 'dataset_path', options) as Array<TotalsRow & { dataset_path: string }>;
    const byDay = this.grouped(`${daySql} AS day`, 'day', options) as Array<TotalsRow & { day: string }>;
    const overall = this.grouped('', '', options) as TotalsRow[];
    return {
      byModel: byModel.map((row) => ({ model: row.model, ...toResultTotals(row) })),
      byAgent: byAgent.map((row) => ({ agent: row.agent, ...toResultTotals(row) })),
      byDataset: byDataset.map((row) => ({ datasetPath: row.dataset_path, ...toResultTotals(row) })),
      byDay: byDay.map((row) => ({ day: row.day, ...toResultTotals(row) })),
      overall: overall[0] ? toResultTotals(overall[0]) : emptyTotals(),
    };
  }

  /** Totals of the period's runs grouped by `groupBy` (nothing: one row over everything), ordered by it. */
  private grouped(keys: string, groupBy: string, options: PeriodOptions): unknown[] {
    const where = whereClause([
      ['runs.started_at >= @since', 'since', options.since],
      ['runs.started_at < @until', 'until', options.until],
      ['runs.dataset_path = @datasetPath', 'datasetPath', options.datasetPath],
    ]);
    const grouping = groupBy ? `GROUP BY ${groupBy} ORDER BY ${groupBy}` : '';
    const sql = `SELECT ${keys ? `${keys}, ` : ''}${sumTotalsSql('totals')}
      FROM runs JOIN run_group_totals AS totals ON totals.run_id = runs.id
      ${where.sql} ${grouping}`;
    return this.statements.get(sql).all(where.parameters);
  }
}

function emptyTotals(): ResultTotals {
  return { results: 0, passed: 0, failed: 0, errors: 0, inputTokens: 0, outputTokens: 0, pricedResults: 0, pricedPasses: 0, latencyMs: 0 };
}
