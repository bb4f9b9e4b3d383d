// store/result-totals.ts's sums in PostgreSQL: the SQL that sums run_group_totals rows (or computes
// the same columns from case_results rows) into ResultTotals, mapped by the shared toResultTotals.
import { countWhere } from './sql-parameters.js';

/** Columns summing the totals of `table` (an alias of run_group_totals or of a subquery with the same columns). */
export function sumTotalsSql(table: string): string {
  return ['results', 'passed', 'failed', 'errors', 'input_tokens', 'output_tokens', 'cost_usd', 'priced_results', 'priced_passes', 'latency_ms']
    .map((column) => `COALESCE(SUM(${table}.${column}), 0) AS ${column}`)
    .join(', ');
}

/** The same columns computed straight from case_results rows, under the alias `table`. */
export function caseResultTotalsSql(table: string): string {
  return [
    'COUNT(*) AS results',
    `${countWhere(`${table}.status = 'pass'`)} AS passed`,
    `${countWhere(`${table}.status = 'fail'`)} AS failed`,
    `${countWhere(`${table}.status = 'error'`)} AS errors`,
    `SUM(${table}.input_tokens) AS input_tokens`,
    `SUM(${table}.output_tokens) AS output_tokens`,
    `COALESCE(SUM(${table}.cost_usd), 0) AS cost_usd`,
    `COUNT(${table}.cost_usd) AS priced_results`,
    `${countWhere(`${table}.cost_usd IS NOT NULL AND ${table}.status = 'pass'`)} AS priced_passes`,
    `COALESCE(SUM(${table}.latency_ms), 0) AS latency_ms`,
  ].join(', ');
}

/** The (case, agent, model) cells of `table`'s rows grouped, that passed in some epoch and failed in another. */
export function flakyCellHaving(table: string): string {
  return `HAVING bool_or(${table}.status = 'pass') AND bool_or(${table}.status = 'fail')`;
}
