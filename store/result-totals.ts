// The SQL that sums run_group_totals rows into ResultTotals, and the mapping of its columns, shared
// by every report query so each page's totals mean the same thing.
import type { ResultTotals } from './report-records.js';

/** Columns summing the totals of `table` (an alias of run_group_totals or of a subquery with the same columns). */
export function sumTotalsSql(table: string): string {
  return [
    `COALESCE(SUM(${table}.results), 0) AS results`,
    `COALESCE(SUM(${table}.passed), 0) AS passed`,
    `COALESCE(SUM(${table}.failed), 0) AS failed`,
    `COALESCE(SUM(${table}.errors), 0) AS errors`,
    `COALESCE(SUM(${table}.input_tokens), 0) AS input_tokens`,
    `COALESCE(SUM(${table}.output_tokens), 0) AS output_tokens`,
    `TOTAL(${table}.cost_usd) AS cost_usd`,
    `COALESCE(SUM(${table}.priced_results), 0) AS priced_results`,
    `COALESCE(SUM(${table}.priced_passes), 0) AS priced_passes`,
    `TOTAL(${table}.latency_ms) AS latency_ms`,
  ].join(', ');
}

/** The same columns computed straight from case_results rows, under the alias `table`. */
export function caseResultTotalsSql(table: string): string {
  return [
    'COUNT(*) AS results',
    `SUM(${table}.status = 'pass') AS passed`,
    `SUM(${table}.status = 'fail') AS failed`,
    `SUM(${table}.status = 'error') AS errors`,
    `SUM(${table}.input_tokens) AS input_tokens`,
    `SUM(${table}.output_tokens) AS output_tokens`,
    `TOTAL(${table}.cost_usd) AS cost_usd`,
    `COUNT(${table}.cost_usd) AS priced_results`,
    `SUM(${table}.cost_usd IS NOT NULL AND ${table}.status = 'pass') AS priced_passes`,
    `TOTAL(${table}.latency_ms) AS latency_ms`,
  ].join(', ');
}

export interface TotalsRow {
  results: number;
  passed: number;
  failed: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  priced_results: number;
  priced_passes: number;
  latency_ms: number;
}

export function toResultTotals(row: TotalsRow): ResultTotals {
  return {
    results: row.results,
    passed: row.passed,
    failed: row.failed,
    errors: row.errors,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    ...(row.priced_results > 0 ? { costUsd: row.cost_usd } : {}),
    pricedResults: row.priced_results,
    pricedPasses: row.priced_passes,
    latencyMs: row.latency_ms,
  };
}
