// Reads of the `traces` table: a filtered page of traces newest first, the services that sent any,
// and spend by service over a period. Each filter narrows a scan of an index already in the list's
// order (traces-migration.ts), so no page is sorted; spend reads the daily totals beside the table.
import type { Database } from 'better-sqlite3';
import type { PeriodOptions } from './report-records.js';
import { StatementCache } from './statement-cache.js';
import { periodDays, traceDayContributions, traceDayTotalColumns } from './trace-day-totals.js';
import type { TraceTotalsRow } from './trace-totals.js';
import type { ServiceCost, TraceListEntry, TraceListOptions } from './trace-records.js';

/** A stored row has the columns a write adds to, `has_root` aside. */
type TraceRow = Omit<TraceTotalsRow, 'has_root'>;

export interface ServiceCostRow {
  service_name: string;
  traces: number;
  model_calls: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  unpriced_model_calls: number;
}

const defaultLimit = 50;

/** Each trace's contribution, named as trace_day_totals' columns, so the two can be summed together. */
const traceContributions = traceDayContributions('traces')
  .map((value, index) => `${value} AS ${traceDayTotalColumns[index]}`)
  .join(', ');
/** NULL when no trace of the service had a known cost, as SUM over the traces gives. */
const knownCost = 'CASE WHEN SUM(priced_traces) > 0 THEN TOTAL(cost_usd) END';

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

/** `%`, `_` and the escape itself matched as themselves inside a LIKE pattern. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export class TraceTable {
  private readonly statements: StatementCache;

  constructor(database: Database) {
    this.statements = new StatementCache(database);
  }

  /** A page of traces, newest first (traces that started at the same instant by trace id, also descending: the index read backwards). */
  list(options: TraceListOptions = {}): TraceListEntry[] {
    const conditions: string[] = [];
    const parameters: Array<string | number> = [];
    if (options.serviceName !== undefined) {
      conditions.push('service_name = ?');
      parameters.push(options.serviceName);
    }
    if (options.since !== undefined) {
      conditions.push('start_time_ms >= ?');
      parameters.push(options.since);
    }
    if (options.until !== undefined) {
      conditions.push('start_time_ms < ?');
      parameters.push(options.until);
    }
    if (options.errorsOnly) conditions.push('error_spans > 0');
    if (options.rootNameContains !== undefined && options.rootNameContains !== '') {
      conditions.push("root_name LIKE ? ESCAPE '\\'");
      parameters.push(likeContains(options.rootNameContains));
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.statements
      .get(`SELECT * FROM traces ${where} ORDER BY start_time_ms DESC, trace_id DESC LIMIT ? OFFSET ?`)
      .all(...parameters, options.limit ?? defaultLimit, options.offset ?? 0) as TraceRow[];
    return rows.map(fromRow);
  }

  /**
   * Every service that sent a trace, by name. Read as one index seek per service (the next name
   * after the last), not a DISTINCT over every trace's entry: the page asks on every request.
   */
  services(): string[] {
    return this.statements
      .get(
        `WITH RECURSIVE service (name) AS (
           SELECT MIN(service_name) FROM traces
           UNION ALL
           SELECT (SELECT MIN(service_name) FROM traces WHERE service_name > service.name) FROM service WHERE service.name IS NOT NULL
         )
         SELECT name FROM service WHERE name IS NOT NULL ORDER BY name`,
      )
      .pluck()
      .all() as string[];
  }

  /**
   * Spend by service of the traces started in the period, most expensive first: its whole days from
   * trace_day_totals, its partial edge days from the traces (trace-day-totals.ts), summed together.
   */
  serviceCosts(period: PeriodOptions = {}): ServiceCost[] {
    const { wholeDays, edges } = periodDays(period);
    const parts: string[] = [];
    const parameters: number[] = [];
    if (wholeDays) {
      parts.push(`SELECT service_name, ${traceDayTotalColumns.join(', ')} FROM trace_day_totals WHERE day >= ? AND day < ?`);
      parameters.push(wholeDays.fromDay ?? -Infinity, wholeDays.toDay ?? Infinity);
    }
    for (const edge of edges) {
      parts.push(`SELECT service_name, ${traceContributions} FROM traces WHERE start_time_ms >= ? AND start_time_ms < ?`);
      parameters.push(edge.since ?? -Infinity, edge.until ?? Infinity);
    }
    if (parts.length === 0) return [];
    const rows = this.statements
      .get(
        `SELECT service_name, SUM(traces) AS traces, SUM(model_calls) AS model_calls, TOTAL(input_tokens) AS input_tokens, TOTAL(output_tokens) AS output_tokens,
                ${knownCost} AS cost_usd, SUM(unpriced_model_calls) AS unpriced_model_calls
         FROM (${parts.join(' UNION ALL ')})
         GROUP BY service_name HAVING SUM(traces) > 0 ORDER BY COALESCE(${knownCost}, 0) DESC, service_name`,
      )
      .all(...parameters) as ServiceCostRow[];
    return rows.map(toServiceCost);
  }
}

/** A row of serviceCosts' sums as the API gives it. */
export function toServiceCost(row: ServiceCostRow): ServiceCost {
  return {
    serviceName: row.service_name,
    traces: row.traces,
    modelCalls: row.model_calls,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    ...(row.cost_usd === null ? {} : { costUsd: row.cost_usd }),
    unpricedModelCalls: row.unpriced_model_calls,
  };
}
