// Schema version 4: one row per trace with its totals (spans, agent runs, model and tool calls,
// tokens, cost, errors) and its root span, kept up to date as spans are written, so the traces
// page lists a million spans' traces from an index instead of reading every span. Traces already
// stored are summed from the GenAI names agentlab's own spans carry.
//
// The indexes hold the list's whole order (start time, then trace id; the list reads them
// backwards, newest first), so a page, however deep, is read off the index without sorting and the
// rows it skips are never read from the table; the filters the list applies across services
// (errors, root name) are in the index too, so a search only reads the table for the traces it
// shows. They ascend: a descending index made the costs page's sum over a period, which walks the
// table in the index's order, a third slower (bench/README.md, `traces-page`).
import type { Migration } from './migrations.js';

const attribute = (name: string) => `json_extract(attributes, '$."${name}"')`;
const amount = (name: string) => `CASE WHEN typeof(${attribute(name)}) IN ('integer', 'real') AND ${attribute(name)} >= 0 THEN ${attribute(name)} END`;
const isModelCall = `operation_name IN ('chat', 'text_completion', 'generate_content', 'embeddings', 'completion')`;

export const tracesMigration: Migration = {
  version: 4,
  description: 'per-trace totals and root span for the traces page, kept as spans are written',
  sql: `
    CREATE TABLE traces (
      trace_id TEXT PRIMARY KEY,
      -- The root span's (a span with no parent); until it arrives, the earliest span's.
      service_name TEXT NOT NULL,
      root_name TEXT NOT NULL,
      has_root INTEGER NOT NULL,
      start_time_ms REAL NOT NULL,
      end_time_ms REAL NOT NULL,
      span_count INTEGER NOT NULL,
      agent_runs INTEGER NOT NULL,
      model_calls INTEGER NOT NULL,
      tool_calls INTEGER NOT NULL,
      error_spans INTEGER NOT NULL,
      input_tokens REAL NOT NULL,
      output_tokens REAL NOT NULL,
      -- NULL when no model call's cost is known.
      cost_usd REAL,
      unpriced_model_calls INTEGER NOT NULL,
      run_id TEXT,
      case_id TEXT
    );
    CREATE INDEX traces_start_time ON traces (start_time_ms, trace_id, error_spans, root_name);
    CREATE INDEX traces_service_start_time ON traces (service_name, start_time_ms, trace_id);

    INSERT INTO traces
    SELECT
      trace_id,
      COALESCE((SELECT service_name FROM spans root WHERE root.trace_id = spans.trace_id AND root.parent_span_id IS NULL ORDER BY start_time_ms LIMIT 1),
               (SELECT service_name FROM spans first WHERE first.trace_id = spans.trace_id ORDER BY start_time_ms LIMIT 1)),
      COALESCE((SELECT name FROM spans root WHERE root.trace_id = spans.trace_id AND root.parent_span_id IS NULL ORDER BY start_time_ms LIMIT 1),
               (SELECT name FROM spans first WHERE first.trace_id = spans.trace_id ORDER BY start_time_ms LIMIT 1)),
      MAX(parent_span_id IS NULL),
      MIN(start_time_ms),
      MAX(end_time_ms),
      COUNT(*),
      SUM(operation_name = 'invoke_agent'),
      SUM(${isModelCall}),
      SUM(operation_name = 'execute_tool'),
      SUM(status_code = 'error'),
      TOTAL(CASE WHEN ${isModelCall} THEN ${amount('gen_ai.usage.input_tokens')} END),
      TOTAL(CASE WHEN ${isModelCall} THEN ${amount('gen_ai.usage.output_tokens')} END),
      SUM(CASE WHEN ${isModelCall} THEN ${amount('gen_ai.usage.cost')} END),
      SUM(${isModelCall} AND ${amount('gen_ai.usage.cost')} IS NULL),
      MAX(run_id),
      MAX(case_id)
    FROM spans
    GROUP BY trace_id;
  `,
};
