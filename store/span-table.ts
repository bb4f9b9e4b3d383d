// The `spans` table: finished spans with their attributes and events as JSON text, and the few
// attributes the report server filters on (operation, run, case) copied into columns. Each write
// also adds what its new spans bring to their traces' rows (`traces`), in the same transaction.
import type { Database, Statement } from 'better-sqlite3';
import type { NormalizedSpan, SpanEventRecord, SpanKindName, SpanRecord, SpanStatusName } from '../tracing/index.js';
import { traceTotals, upsertTraceTotalsSql } from './trace-totals.js';

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

/** The insert's order, which rowValues follows. */
const columns: Array<keyof SpanRow> = [
  'trace_id', 'span_id', 'parent_span_id', 'name', 'kind', 'start_time_ms', 'end_time_ms', 'duration_ms', 'status_code',
  'status_message', 'service_name', 'scope', 'operation_name', 'run_id', 'case_id', 'attributes', 'events',
];

function textAttribute(span: SpanRecord, name: string): string | null {
  const value = span.attributes[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/**
 * A span's values in `columns` order. Bound by position: on OTLP ingest, looking up seventeen named
 * parameters on a row object per span cost about 1.5 µs of the receiver's 30–40 µs (bench/README.md).
 */
function rowValues(span: SpanRecord): Array<string | number | null> {
  return [
    span.traceId,
    span.spanId,
    span.parentSpanId ?? null,
    span.name,
    span.kind,
    span.startTimeMs,
    span.endTimeMs,
    span.durationMs,
    span.status.code,
    span.status.message ?? null,
    span.serviceName,
    span.scope,
    textAttribute(span, operationNameAttribute),
    textAttribute(span, runIdAttribute),
    textAttribute(span, caseIdAttribute),
    JSON.stringify(span.attributes),
    JSON.stringify(span.events),
  ];
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

export class SpanTable {
  private readonly writeBatch: (entries: readonly NormalizedSpan[]) => void;
  private readonly selectTrace: Statement;

  constructor(database: Database) {
    // A span sent twice (an exporter retry, an OTLP client re-posting) is kept once.
    const insert = database.prepare(`INSERT OR IGNORE INTO spans (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    const upsertTrace = database.prepare(upsertTraceTotalsSql);
    this.writeBatch = database.transaction((entries: readonly NormalizedSpan[]) => {
      // Only spans stored now count toward their trace: one sent again is already in its totals.
      const stored = entries.filter((entry) => insert.run(rowValues(entry.span)).changes > 0);
      for (const row of traceTotals(stored)) upsertTrace.run(row);
    });
    this.selectTrace = database.prepare(`SELECT ${columns.join(', ')} FROM spans WHERE trace_id = ? ORDER BY start_time_ms, id`);
  }

  /** Writes the spans and their traces' totals in one transaction: all of them or none. */
  write(entries: readonly NormalizedSpan[]): void {
    if (entries.length > 0) this.writeBatch(entries);
  }

  trace(traceId: string): SpanRecord[] {
    return (this.selectTrace.all(traceId) as SpanRow[]).map(fromRow);
  }
}
