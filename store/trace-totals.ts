// What a batch of newly stored spans adds to each trace's row: counts, tokens, cost, time span and,
// when the batch holds it, the root span. Read from the spans' normalised views, so a trace's row
// and its page agree on what is a model call, a tool call and what it cost.
import type { NormalizedSpan } from '../tracing/index.js';

export interface TraceTotalsRow {
  trace_id: string;
  service_name: string;
  root_name: string;
  has_root: number;
  start_time_ms: number;
  end_time_ms: number;
  span_count: number;
  agent_runs: number;
  model_calls: number;
  tool_calls: number;
  error_spans: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  unpriced_model_calls: number;
  run_id: string | null;
  case_id: string | null;
}

export const traceTotalsColumns: ReadonlyArray<keyof TraceTotalsRow> = [
  'trace_id', 'service_name', 'root_name', 'has_root', 'start_time_ms', 'end_time_ms', 'span_count', 'agent_runs', 'model_calls',
  'tool_calls', 'error_spans', 'input_tokens', 'output_tokens', 'cost_usd', 'unpriced_model_calls', 'run_id', 'case_id',
];

// Attribute names are repeated here rather than imported: store/ takes only types from other folders.
const runIdAttribute = 'agentlab.run.id';
const caseIdAttribute = 'agentlab.case.id';

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

function idText(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
}

function emptyRow(entry: NormalizedSpan): TraceTotalsRow {
  const { span } = entry;
  return {
    trace_id: span.traceId,
    service_name: span.serviceName,
    root_name: span.name,
    has_root: 0,
    start_time_ms: Infinity,
    end_time_ms: -Infinity,
    span_count: 0,
    agent_runs: 0,
    model_calls: 0,
    tool_calls: 0,
    error_spans: 0,
    input_tokens: 0,
    output_tokens: 0,
    cost_usd: null,
    unpriced_model_calls: 0,
    run_id: null,
    case_id: null,
  };
}

function add(row: TraceTotalsRow, { span, view }: NormalizedSpan): void {
  const start = finiteOr(span.startTimeMs, 0);
  const end = Math.max(start, finiteOr(span.endTimeMs, start));
  // The root is the span with no parent; until one comes, the earliest span stands for it.
  const isRoot = span.parentSpanId === undefined;
  if ((isRoot && !row.has_root) || (!row.has_root && start < row.start_time_ms)) {
    row.service_name = span.serviceName;
    row.root_name = span.name;
    if (isRoot) row.has_root = 1;
  }
  row.start_time_ms = Math.min(row.start_time_ms, start);
  row.end_time_ms = Math.max(row.end_time_ms, end);
  row.span_count++;
  if (view.error !== undefined) row.error_spans++;
  if (view.type === 'agent') row.agent_runs++;
  else if (view.type === 'tool') row.tool_calls++;
  else if (view.type === 'model') {
    row.model_calls++;
    row.input_tokens += view.model?.inputTokens ?? 0;
    row.output_tokens += view.model?.outputTokens ?? 0;
    if (view.costUsd === undefined) row.unpriced_model_calls++;
    else row.cost_usd = (row.cost_usd ?? 0) + view.costUsd;
  }
  row.run_id ??= idText(span.attributes[runIdAttribute]);
  row.case_id ??= idText(span.attributes[caseIdAttribute]);
}

/** One row per trace the spans belong to, holding what they add to it. */
export function traceTotals(entries: readonly NormalizedSpan[]): TraceTotalsRow[] {
  const rows = new Map<string, TraceTotalsRow>();
  for (const entry of entries) {
    let row = rows.get(entry.span.traceId);
    if (!row) {
      row = emptyRow(entry);
      rows.set(entry.span.traceId, row);
    }
    add(row, entry);
  }
  return [...rows.values()];
}

/** Adds a batch's row to the stored one: sums, the wider time span, and the root once it is known. */
export const upsertTraceTotalsSql = `INSERT INTO traces (${traceTotalsColumns.join(', ')})
  VALUES (${traceTotalsColumns.map((column) => `@${column}`).join(', ')})
  ON CONFLICT (trace_id) DO UPDATE SET
    service_name = CASE WHEN traces.has_root THEN traces.service_name WHEN excluded.has_root OR excluded.start_time_ms < traces.start_time_ms THEN excluded.service_name ELSE traces.service_name END,
    root_name = CASE WHEN traces.has_root THEN traces.root_name WHEN excluded.has_root OR excluded.start_time_ms < traces.start_time_ms THEN excluded.root_name ELSE traces.root_name END,
    has_root = MAX(traces.has_root, excluded.has_root),
    start_time_ms = MIN(traces.start_time_ms, excluded.start_time_ms),
    end_time_ms = MAX(traces.end_time_ms, excluded.end_time_ms),
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
