// The run page's results in SQL: one page of a run's results under a filter (status, flaky cells,
// case, agent, model, tag, free text) with how many match in all, the counts each status tab shows
// under the other filters, and the tags the run's results carry. Nothing reads the whole run into
// memory, so a run of 100,000 results pages as fast as one of 100.
import type { Database } from 'better-sqlite3';
import type { CaseResultRow } from './case-result-table.js';
import { fromRow, selectedColumns } from './case-result-table.js';
import type { CaseResultRecord, CaseStatus } from './records.js';
import { StatementCache } from './statement-cache.js';
import type { QueryParameters } from './statement-cache.js';

/** What narrows a run's results; every field given must hold. */
export interface ResultPageFilter {
  /** `flaky`: every result of the (case, agent, model) cells whose epochs both passed and failed. */
  status?: CaseStatus | 'flaky';
  caseId?: string;
  agent?: string;
  model?: string;
  /** One of the result's tags, exactly. */
  tag?: string;
  /**
   * Text found in the case id, the output, a check's reason, or the error's code or message;
   * case-insensitive for ASCII letters (SQLite's LIKE), `%` and `_` taken literally.
   */
  text?: string;
}

export interface ResultPageOptions extends ResultPageFilter {
  limit: number;
  offset: number;
}

export interface ResultPage {
  /** Ordered by case id, agent, model and epoch, as caseResults is. */
  results: CaseResultRecord[];
  /** How many results the filter matches over every page. */
  total: number;
}

/** What each status tab would show under a filter's other conditions. */
export interface ResultStatusCounts {
  results: number;
  passed: number;
  failed: number;
  errors: number;
  /** (case, agent, model) cells whose epochs disagreed (a pass and a fail) with a result under the filter. */
  flakyCells: number;
  /** The results of those cells under the filter: what the flaky tab lists. */
  flakyResults: number;
}

/** The (case, agent, model) cells of the run that passed in some epoch and failed in another, judged on all their epochs. */
const flakyCells = `(case_id, agent, model) IN (
  SELECT cell.case_id, cell.agent, cell.model FROM case_results AS cell WHERE cell.run_id = @runId
  GROUP BY cell.case_id, cell.agent, cell.model HAVING SUM(cell.status = 'pass') > 0 AND SUM(cell.status = 'fail') > 0)`;

const textMatch = `(case_results.case_id LIKE @pattern ESCAPE '\\'
  OR case_results.output LIKE @pattern ESCAPE '\\'
  OR json_extract(case_results.error, '$.message') LIKE @pattern ESCAPE '\\'
  OR json_extract(case_results.error, '$.code') LIKE @pattern ESCAPE '\\'
  OR EXISTS (SELECT 1 FROM json_each(case_results.checks) AS checks WHERE json_extract(checks.value, '$.reason') LIKE @pattern ESCAPE '\\'))`;

/** `%text%` with LIKE's wildcards and its escape character taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function where(runId: string, filter: ResultPageFilter): { sql: string; parameters: QueryParameters } {
  const conditions = ['case_results.run_id = @runId'];
  const parameters: QueryParameters = { runId };
  const equal = (column: string, name: string, value: string | undefined): void => {
    if (value === undefined) return;
    conditions.push(`case_results.${column} = @${name}`);
    parameters[name] = value;
  };
  equal('case_id', 'caseId', filter.caseId);
  equal('agent', 'agent', filter.agent);
  equal('model', 'model', filter.model);
  if (filter.status === 'flaky') conditions.push(flakyCells);
  else equal('status', 'status', filter.status);
  if (filter.tag !== undefined) {
    conditions.push('EXISTS (SELECT 1 FROM json_each(case_results.tags) AS tags WHERE tags.value = @tag)');
    parameters.tag = filter.tag;
  }
  if (filter.text !== undefined) {
    conditions.push(textMatch);
    parameters.pattern = containsPattern(filter.text);
  }
  return { sql: `WHERE ${conditions.join(' AND ')}`, parameters };
}

export class ResultPageQueries {
  private readonly statements: StatementCache;

  constructor(database: Database) {
    this.statements = new StatementCache(database);
  }

  /** The page's results in the (run, case, agent, model, epoch) index's order, and the filter's total. */
  page(runId: string, options: ResultPageOptions): ResultPage {
    const { sql, parameters } = where(runId, options);
    const rows = this.statements
      .get(`SELECT ${selectedColumns} FROM case_results ${sql} ORDER BY case_results.case_id, case_results.agent, case_results.model, case_results.epoch LIMIT @limit OFFSET @offset`)
      .all({ ...parameters, limit: options.limit, offset: options.offset }) as CaseResultRow[];
    const total = (this.statements.get(`SELECT COUNT(*) AS total FROM case_results ${sql}`).get(parameters) as { total: number }).total;
    return { results: rows.map(fromRow), total };
  }

  /** Counts by status under the filter (its status ignored): the figures of the status tabs. */
  statusCounts(runId: string, filter: Omit<ResultPageFilter, 'status'> = {}): ResultStatusCounts {
    const { sql, parameters } = where(runId, { ...filter, status: undefined });
    const totals = this.statements
      .get(`SELECT COUNT(*) AS results, COALESCE(SUM(status = 'pass'), 0) AS passed, COALESCE(SUM(status = 'fail'), 0) AS failed,
        COALESCE(SUM(status = 'error'), 0) AS errors FROM case_results ${sql}`)
      .get(parameters) as { results: number; passed: number; failed: number; errors: number };
    const flaky = this.statements
      .get(`SELECT COUNT(*) AS cells, COALESCE(SUM(results), 0) AS results FROM (
        SELECT COUNT(*) AS results FROM case_results ${sql} AND ${flakyCells} GROUP BY case_id, agent, model)`)
      .get(parameters) as { cells: number; results: number };
    return { ...totals, flakyCells: flaky.cells, flakyResults: flaky.results };
  }

  /** Every tag the run's results carry, sorted. */
  tags(runId: string): string[] {
    return this.statements
      .get('SELECT DISTINCT tags.value AS tag FROM case_results, json_each(case_results.tags) AS tags WHERE case_results.run_id = ? ORDER BY tag')
      .pluck()
      .all(runId) as string[];
  }
}
