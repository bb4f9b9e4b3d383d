// The `spans` table on PostgreSQL, with each write's additions to `traces` in the same transaction:
// the spans go in with one INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING RETURNING, so only the
// spans stored now (not one sent again, by this batch or a concurrent writer) count toward their traces,
// whose rows are then upserted in one statement. Spans and traces are written in key order, so
// concurrent writers of one trace queue behind each other instead of deadlocking.
import type { NormalizedSpan, SpanEventRecord, SpanKindName, SpanRecord, SpanStatusName } from '../../tracing/index.js';
import { traceTotals, traceTotalsColumns } from '../trace-totals.js';
import type { TraceTotalsRow } from '../trace-totals.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';
import { storableText } from './sql-parameters.js';

// Attribute names are repeated here rather than imported: store/ takes only types from other folders.
const operationNameAttribute = 'gen_ai.operation.name';
const runIdAttribute = 'agentlab.run.id';
const caseIdAttribute = 'agentlab.case.id';

interface SpanRow {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  kind: SpanKindName;
  start_time_ms: number;
  end_time_ms: number;
  duration_ms: number;
  status_code: SpanStatusName;
  status_message: string | null;
  service_name: string;
  scope: string;
  operation_name: string | null;
  run_id: string | null;
  case_id: string | null;
  attributes: string;
  events: string;
}

const columnTypes: ReadonlyArray<[keyof SpanRow, string]> = [
  ['trace_id', 'text'], ['span_id', 'text'], ['parent_span_id', 'text'], ['name', 'text'], ['kind', 'text'],
  ['start_time_ms', 'double precision'], ['end_time_ms', 'double precision'], ['duration_ms', 'double precision'],
  ['status_code', 'text'], ['status_message', 'text'], ['service_name', 'text'], ['scope', 'text'],
  ['operation_name', 'text'], ['run_id', 'text'], ['case_id', 'text'], ['attributes', 'text'], ['events', 'text'],
];
const columns = columnTypes.map(([column]) => column);

const insertSql = `INSERT INTO spans (${columns.join(', ')})
  SELECT * FROM unnest(${columnTypes.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})
  ON CONFLICT (trace_id, span_id) DO NOTHING
  RETURNING trace_id, span_id`;

const traceColumnTypes: Record<keyof TraceTotalsRow, string> = {
  trace_id: 'text', service_name: 'text', root_name: 'text', has_root: 'smallint', start_time_ms: 'double precision',
  end_time_ms: 'double precision', span_count: 'bigint', agent_runs: 'bigint', model_calls: 'bigint', tool_calls: 'bigint',
  error_spans: 'bigint', input_tokens: 'double precision', output_tokens: 'double precision', cost_usd: 'double precision',
  unpriced_model_calls: 'bigint', run_id: 'text', case_id: 'text',
};

/** store/trace-totals.ts's upsert in PostgreSQL: sums, the wider time span, and the root once it is known. */
const upsertTracesSql = `INSERT INTO traces (${traceTotalsColumns.join(', ')})
  SELECT * FROM unnest(${traceTotalsColumns.map((column, index) => `$${index + 1}::${traceColumnTypes[column]}[]`).join(', ')})
  ON CONFLICT (trace_id) DO UPDATE SET
    service_name = CASE WHEN traces.has_root = 1 THEN traces.service_name WHEN excluded.has_root = 1 OR excluded.start_time_ms < traces.start_time_ms THEN excluded.service_name ELSE traces.service_name END,
    root_name = CASE WHEN traces.has_root = 1 THEN traces.root_name WHEN excluded.has_root = 1 OR excluded.start_time_ms < traces.start_time_ms THEN excluded.root_name ELSE traces.root_name END,
    has_root = GREATEST(traces.has_root, excluded.has_root),
    start_time_ms = LEAST(traces.start_time_ms, excluded.start_time_ms),
    end_time_ms = GREATEST(traces.end_time_ms, excluded.end_time_ms),
    span_count = traces.span_count + excluded.span_count,
    agent_runs = traces.agent_runs + excluded.agent_runs,
    model_calls = traces.model_calls + excluded.model_calls,
    tool_calls = traces.tool_calls + excluded.tool_calls,
    error_spans = traces.error_spans + excluded.error_spans,
    input_tokens = traces.input_tokens + excluded.input_tokens,
    output_tokens = traces.output_tokens + excluded.output_tokens,
    cost_usd = CASE WHEN excluded.cost_usd IS NULL THEN traces.cost_usd ELSE COALESCE(traces.cost_usd, 0) + excluded.cost_usd END,
    unpriced_model_calls = traces.unpriced_model_calls + excluded.unpriced_model_calls,
    run_id = COALESCE(traces.run_id, excluded.run_id),
    case_id = COALESCE(traces.case_id, excluded.case_id)`;

function textAttribute(span: SpanRecord, name: string): string | null {
  const value = span.attributes[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

function toRow(span: SpanRecord): SpanRow {
  return {
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: span.parentSpanId ?? null,
    name: span.name,
    kind: span.kind,
    start_time_ms: span.startTimeMs,
    end_time_ms: span.endTimeMs,
    duration_ms: span.durationMs,
    status_code: span.status.code,
    status_message: span.status.message ?? null,
    service_name: span.serviceName,
    scope: span.scope,
    operation_name: textAttribute(span, operationNameAttribute),
    run_id: textAttribute(span, runIdAttribute),
    case_id: textAttribute(span, caseIdAttribute),
    attributes: JSON.stringify(span.attributes),
    events: JSON.stringify(span.events),
  };
}

function fromRow(row: SpanRow): SpanRecord {
  return {
    traceId: row.trace_id,
    spanId: row.span_id,
    ...(row.parent_span_id === null ? {} : { parentSpanId: row.parent_span_id }),
    name: row.name,
    kind: row.kind,
    startTimeMs: row.start_time_ms,
    endTimeMs: row.end_time_ms,
    durationMs: row.duration_ms,
    status: { code: row.status_code, ...(row.status_message === null ? {} : { message: row.status_message }) },
    attributes: JSON.parse(row.attributes) as SpanRecord['attributes'],
    events: JSON.parse(row.events) as SpanEventRecord[],
    serviceName: row.service_name,
    scope: row.scope,
  };
}

/** As the ids are stored (see storableText), so the rows RETURNING gives back match. */
const spanKey = (traceId: string, spanId: string): string => `${storableText(traceId)}\u0000${storableText(spanId)}`;

export class PostgresSpanTable {
  /** `database` must be a client inside a transaction for write(): the spans and their traces' totals go together. */
  constructor(private readonly database: Queryable) {}

  /** Inserts the spans, then adds what those stored now bring to their traces. */
  async write(entries: readonly NormalizedSpan[]): Promise<void> {
    // The first of a span sent twice in one batch is the one kept, as with SQLite's INSERT OR IGNORE.
    const unique = new Map<string, NormalizedSpan>();
    for (const entry of entries) {
      const key = spanKey(entry.span.traceId, entry.span.spanId);
      if (!unique.has(key)) unique.set(key, entry);
    }
    if (unique.size === 0) return;
    // In key order, so writers whose batches overlap wait for each other's spans in one order, never in a cycle.
    const ordered = [...unique.entries()].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    const spanRows = ordered.map(([, entry]) => toRow(entry.span));
    const inserted = await rows<{ trace_id: string; span_id: string }>(this.database, insertSql, columns.map((column) => spanRows.map((row) => storableText(row[column]))));
    const storedKeys = new Set(inserted.map((row) => spanKey(row.trace_id, row.span_id)));
    const stored = [...unique.entries()].filter(([key]) => storedKeys.has(key)).map(([, entry]) => entry);
    const totals = traceTotals(stored).sort((left, right) => (left.trace_id < right.trace_id ? -1 : left.trace_id > right.trace_id ? 1 : 0));
    if (totals.length === 0) return;
    await this.database.query(upsertTracesSql, traceTotalsColumns.map((column) => totals.map((row) => storableText(row[column]))));
  }

  /** The trace's spans by start time, then in the order they were stored. */
  async trace(traceId: string): Promise<SpanRecord[]> {
    return (await rows<SpanRow>(this.database, `SELECT ${columns.join(', ')} FROM spans WHERE trace_id = $1 ORDER BY start_time_ms, id`, [traceId])).map(fromRow);
  }
}
