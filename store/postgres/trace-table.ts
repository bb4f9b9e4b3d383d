// Reads of the `traces` table on PostgreSQL: a filtered page newest first, the services that sent any,
// and spend by service over a period; the same answers as store/trace-table.ts.
import type { PeriodOptions } from '../report-records.js';
import type { ServiceCost, TraceListEntry, TraceListOptions } from '../trace-records.js';
import type { TraceTotalsRow } from '../trace-totals.js';
import { periodDays, traceDayContributions, traceDayTotalColumns } from '../trace-day-totals.js';
import { toServiceCost, type ServiceCostRow } from '../trace-table.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';
import { containsPattern, SqlParameters, whereSql } from './sql-parameters.js';

type TraceRow = Omit<TraceTotalsRow, 'has_root'>;

const defaultLimit = 50;

/** Each trace's contribution, named as trace_day_totals' columns, so the two can be summed together. */
const traceContributions = traceDayContributions('traces')
  .map((value, index) => `${value} AS ${traceDayTotalColumns[index]}`)
  .join(', ');
/** NULL when no trace of the service had a known cost, as SUM over the traces gives. */
const knownCost = 'CASE WHEN SUM(priced_traces) > 0 THEN SUM(cost_usd) END';

function fromRow(row: TraceRow): TraceListEntry {
  return {
    traceId: row.trace_id,
    serviceName: row.service_name,
    rootName: row.root_name,
    startTimeMs: row.start_time_ms,
    durationMs: Math.max(0, row.end_time_ms - row.start_time_ms),
    spanCount: row.span_count,
    agentRuns: row.agent_runs,
    modelCalls: row.model_calls,
    toolCalls: row.tool_calls,
    errorSpans: row.error_spans,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    ...(row.cost_usd === null ? {} : { costUsd: row.cost_usd }),
    unpricedModelCalls: row.unpriced_model_calls,
    ...(row.run_id === null ? {} : { runId: row.run_id }),
    ...(row.case_id === null ? {} : { caseId: row.case_id }),
  };
}

export class PostgresTraceTable {
  constructor(private readonly database: Queryable) {}

  /** Newest first; traces that started at the same instant by trace id, also descending. */
  async list(options: TraceListOptions = {}): Promise<TraceListEntry[]> {
    const parameters = new SqlParameters();
    const conditions: string[] = [];
    if (options.serviceName !== undefined) conditions.push(`service_name = ${parameters.add(options.serviceName)}`);
    if (options.since !== undefined) conditions.push(`start_time_ms >= ${parameters.add(options.since)}`);
    if (options.until !== undefined) conditions.push(`start_time_ms < ${parameters.add(options.until)}`);
    if (options.errorsOnly) conditions.push('error_spans > 0');
    // ILIKE: case-insensitive as SQLite's LIKE is (which folds ASCII letters only).
    if (options.rootNameContains !== undefined && options.rootNameContains !== '') conditions.push(`root_name ILIKE ${parameters.add(containsPattern(options.rootNameContains))}`);
    const sql = `SELECT * FROM traces ${whereSql(conditions)} ORDER BY start_time_ms DESC, trace_id DESC
      LIMIT ${parameters.add(options.limit ?? defaultLimit)} OFFSET ${parameters.add(options.offset ?? 0)}`;
    return (await rows<TraceRow>(this.database, sql, parameters.values)).map(fromRow);
  }

  /** Every service that sent a trace, by name: one index seek per service (the next name after the last), not a DISTINCT over every trace. */
  async services(): Promise<string[]> {
    const found = await rows<{ name: string }>(
      this.database,
      `WITH RECURSIVE service (name) AS (
         SELECT MIN(service_name) FROM traces
         UNION ALL
         SELECT (SELECT MIN(service_name) FROM traces WHERE service_name > service.name) FROM service WHERE service.name IS NOT NULL
       )
       SELECT name FROM service WHERE name IS NOT NULL ORDER BY name`,
    );
    return found.map((row) => row.name);
  }

  /** Spend by service of the traces started in the period, most expensive first: whole days from trace_day_totals, the edge days from the traces. */
  async serviceCosts(period: PeriodOptions = {}): Promise<ServiceCost[]> {
    const { wholeDays, edges } = periodDays(period);
    const parameters = new SqlParameters();
    const parts: string[] = [];
    if (wholeDays) {
      const conditions: string[] = [];
      if (wholeDays.fromDay !== undefined) conditions.push(`day >= ${parameters.add(wholeDays.fromDay)}`);
      if (wholeDays.toDay !== undefined) conditions.push(`day < ${parameters.add(wholeDays.toDay)}`);
      parts.push(`SELECT service_name, ${traceDayTotalColumns.join(', ')} FROM trace_day_totals ${whereSql(conditions)}`);
    }
    for (const edge of edges) {
      const conditions: string[] = [];
      if (edge.since !== undefined) conditions.push(`start_time_ms >= ${parameters.add(edge.since)}`);
      if (edge.until !== undefined) conditions.push(`start_time_ms < ${parameters.add(edge.until)}`);
      parts.push(`SELECT service_name, ${traceContributions} FROM traces ${whereSql(conditions)}`);
    }
    if (parts.length === 0) return [];
    const found = await rows<ServiceCostRow>(
      this.database,
      `SELECT service_name, SUM(traces) AS traces, SUM(model_calls) AS model_calls, COALESCE(SUM(input_tokens), 0) AS input_tokens,
              COALESCE(SUM(output_tokens), 0) AS output_tokens, ${knownCost} AS cost_usd, SUM(unpriced_model_calls) AS unpriced_model_calls
       FROM (${parts.join(' UNION ALL ')}) AS parts
       GROUP BY service_name HAVING SUM(traces) > 0 ORDER BY COALESCE(${knownCost}, 0) DESC, service_name`,
      parameters.values,
    );
    return found.map(toServiceCost);
  }
}
