// Report queries over a period: totals per day × model × agent (the trends page) and costs by model,
// agent, dataset and day (the costs page). Both read run_group_totals joined with the runs started
// in the period, so a year of nightly runs is a few thousand rows per query, not every result. The
// rows come back as arrays (better-sqlite3's raw mode) and are read by position: making an object of
// named columns for each of a year's 2,920 rows cost more than the query itself.
import type { Database } from 'better-sqlite3';
import type { CostBreakdown, DailyGroupTotals, PeriodOptions, ResultTotals } from './report-records.js';
import { sumTotalsSql } from './result-totals.js';
import { StatementCache, whereClause } from './statement-cache.js';

/** The runs' start day in UTC, `YYYY-MM-DD`. */
const daySql = "date(runs.started_at / 1000, 'unixepoch')";

export class PeriodReportQueries {
  private readonly statements: StatementCache;

  constructor(database: Database) {
    this.statements = new StatementCache(database);
  }

  /**
   * By day, then model, then agent. A run has one totals row per model and agent, so a group's rows
   * are its runs: COUNT(*) counts them without a DISTINCT.
   */
  dailyGroupTotals(options: PeriodOptions = {}): DailyGroupTotals[] {
    return this.grouped(`${daySql} AS day, totals.model AS model, totals.agent AS agent, COUNT(*) AS runs`, 'day, model, agent', options).map((row) => ({
      day: row[0] as string,
      model: row[1] as string,
      agent: row[2] as string,
      runs: row[3] as number,
      ...totalsAt(row, 4),
    }));
  }

  costBreakdown(options: PeriodOptions = {}): CostBreakdown {
    const byKey = (key: string) => this.grouped(key, key.replace(/^.* AS /, ''), options);
    return {
      byModel: byKey('totals.model AS model').map((row) => ({ model: row[0] as string, ...totalsAt(row, 1) })),
      byAgent: byKey('totals.agent AS agent').map((row) => ({ agent: row[0] as string, ...totalsAt(row, 1) })),
      byDataset: byKey('runs.dataset_path AS dataset_path').map((row) => ({ datasetPath: row[0] as string, ...totalsAt(row, 1) })),
      byDay: byKey(`${daySql} AS day`).map((row) => ({ day: row[0] as string, ...totalsAt(row, 1) })),
      overall: this.grouped('', '', options).map((row) => totalsAt(row, 0))[0] ?? emptyTotals(),
    };
  }

  /** Totals of the period's runs grouped by `groupBy` (nothing: one row over everything), ordered by it. */
  private grouped(keys: string, groupBy: string, options: PeriodOptions): unknown[][] {
    const where = whereClause([
      ['runs.started_at >= @since', 'since', options.since],
      ['runs.started_at < @until', 'until', options.until],
      ['runs.dataset_path = @datasetPath', 'datasetPath', options.datasetPath],
    ]);
    const grouping = groupBy ? `GROUP BY ${groupBy} ORDER BY ${groupBy}` : '';
    const sql = `SELECT ${keys ? `${keys}, ` : ''}${sumTotalsSql('totals')}
      FROM runs JOIN run_group_totals AS totals ON totals.run_id = runs.id
      ${where.sql} ${grouping}`;
    return this.statements.get(sql).raw(true).all(where.parameters) as unknown[][];
  }
}

/** The ResultTotals of sumTotalsSql's columns, which start at `offset` of a raw row (toResultTotals' rules). */
function totalsAt(row: readonly unknown[], offset: number): ResultTotals {
  const pricedResults = row[offset + 7] as number;
  return {
    results: row[offset] as number,
    passed: row[offset + 1] as number,
    failed: row[offset + 2] as number,
    errors: row[offset + 3] as number,
    inputTokens: row[offset + 4] as number,
    outputTokens: row[offset + 5] as number,
    ...(pricedResults > 0 ? { costUsd: row[offset + 6] as number } : {}),
    pricedResults,
    pricedPasses: row[offset + 8] as number,
    latencyMs: row[offset + 9] as number,
  };
}

function emptyTotals(): ResultTotals {
  return { results: 0, passed: 0, failed: 0, errors: 0, inputTokens: 0, outputTokens: 0, pricedResults: 0, pricedPasses: 0, latencyMs: 0 };
}
