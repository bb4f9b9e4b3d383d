// The run page's results on PostgreSQL: one page of a run's results under a filter with how many match
// in all, the counts each status tab shows under the other filters, and the tags the run's results
// carry (store/result-page-queries.ts). JSON kept as text is looked into through ::jsonb.
import type { CaseResultRow } from '../case-result-table.js';
import type { ResultPage, ResultPageFilter, ResultPageOptions, ResultStatusCounts } from '../result-page-queries.js';
import { caseResultFromRow, selectedColumns } from './case-result-table.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';
import { flakyCellHaving } from './result-totals.js';
import { containsPattern, countWhere, SqlParameters } from './sql-parameters.js';

/** The run's (case, agent, model) cells that passed in some epoch and failed in another, judged on all their epochs. */
function flakyCells(runIdPlaceholder: string): string {
  return `(case_results.case_id, case_results.agent, case_results.model) IN (
    SELECT cell.case_id, cell.agent, cell.model FROM case_results AS cell WHERE cell.run_id = ${runIdPlaceholder}
    GROUP BY cell.case_id, cell.agent, cell.model ${flakyCellHaving('cell')})`;
}

/** ILIKE: case-insensitive as SQLite's LIKE is (which folds ASCII letters only). */
function textMatch(pattern: string): string {
  return `(case_results.case_id ILIKE ${pattern}
    OR case_results.output ILIKE ${pattern}
    OR (case_results.error::jsonb ->> 'message') ILIKE ${pattern}
    OR (case_results.error::jsonb ->> 'code') ILIKE ${pattern}
    OR EXISTS (SELECT 1 FROM jsonb_array_elements(case_results.checks::jsonb) AS checks (value) WHERE checks.value ->> 'reason' ILIKE ${pattern}))`;
}

function where(runId: string, filter: ResultPageFilter, parameters: SqlParameters): string {
  const runIdPlaceholder = parameters.add(runId);
  const conditions = [`case_results.run_id = ${runIdPlaceholder}`];
  if (filter.caseId !== undefined) conditions.push(`case_results.case_id = ${parameters.add(filter.caseId)}`);
  if (filter.agent !== undefined) conditions.push(`case_results.agent = ${parameters.add(filter.agent)}`);
  if (filter.model !== undefined) conditions.push(`case_results.model = ${parameters.add(filter.model)}`);
  if (filter.status === 'flaky') conditions.push(flakyCells(runIdPlaceholder));
  else if (filter.status !== undefined) conditions.push(`case_results.status = ${parameters.add(filter.status)}`);
  if (filter.tag !== undefined) conditions.push(`case_results.tags::jsonb ? ${parameters.add(filter.tag)}`);
  if (filter.text !== undefined) conditions.push(textMatch(parameters.add(containsPattern(filter.text))));
  return `WHERE ${conditions.join(' AND ')}`;
}

export class PostgresResultPageQueries {
  constructor(private readonly database: Queryable) {}

  /** The page's results in the (run, case, agent, model, epoch) index's order, and the filter's total. */
  async page(runId: string, options: ResultPageOptions): Promise<ResultPage> {
    const parameters = new SqlParameters();
    const condition = where(runId, options, parameters);
    const countParameters = [...parameters.values];
    const pageSql = `SELECT ${selectedColumns} FROM case_results ${condition}
      ORDER BY case_results.case_id, case_results.agent, case_results.model, case_results.epoch
      LIMIT ${parameters.add(options.limit)} OFFSET ${parameters.add(options.offset)}`;
    const [found, [total]] = await Promise.all([
      rows<CaseResultRow>(this.database, pageSql, parameters.values),
      rows<{ total: number }>(this.database, `SELECT COUNT(*) AS total FROM case_results ${condition}`, countParameters),
    ]);
    return { results: found.map(caseResultFromRow), total: total?.total ?? 0 };
  }

  /** Counts by status under the filter (its status ignored): the figures of the status tabs. */
  async statusCounts(runId: string, filter: Omit<ResultPageFilter, 'status'> = {}): Promise<ResultStatusCounts> {
    const parameters = new SqlParameters();
    const runIdPlaceholder = '$1';
    const condition = where(runId, { ...filter, status: undefined }, parameters);
    const [[totals], [flaky]] = await Promise.all([
      rows<{ results: number; passed: number; failed: number; errors: number }>(
        this.database,
        `SELECT COUNT(*) AS results, ${countWhere("status = 'pass'")} AS passed, ${countWhere("status = 'fail'")} AS failed,
          ${countWhere("status = 'error'")} AS errors FROM case_results ${condition}`,
        parameters.values,
      ),
      rows<{ cells: number; results: number }>(
        this.database,
        `SELECT COUNT(*) AS cells, COALESCE(SUM(results), 0) AS results FROM (
          SELECT COUNT(*) AS results FROM case_results ${condition} AND ${flakyCells(runIdPlaceholder)} GROUP BY case_id, agent, model) AS cells`,
        parameters.values,
      ),
    ]);
    return { results: totals?.results ?? 0, passed: totals?.passed ?? 0, failed: totals?.failed ?? 0, errors: totals?.errors ?? 0, flakyCells: flaky?.cells ?? 0, flakyResults: flaky?.results ?? 0 };
  }

  /** Every tag the run's results carry, sorted (by bytes, as SQLite sorts them). */
  async tags(runId: string): Promise<string[]> {
    const found = await rows<{ tag: string }>(
      this.database,
      `SELECT DISTINCT tags.value COLLATE "C" AS tag FROM case_results, jsonb_array_elements_text(case_results.tags::jsonb) AS tags (value)
       WHERE case_results.run_id = $1 ORDER BY tag`,
      [runId],
    );
    return found.map((row) => row.tag);
  }
}
