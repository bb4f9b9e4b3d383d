// PostgreSQL schema version 1: what the eval runner and the report pages use, as SQLite has it at its
// version 6 (runs with their owners, case results, per-run totals kept by a trigger, spans, per-trace
// totals, dataset cases), in PostgreSQL's types. Times stay bigint milliseconds since the epoch; JSON
// stays text (JSON.stringify's output, read back with JSON.parse as SQLite's is, and cast to jsonb
// where a query looks inside). Keys and names compare as bytes (COLLATE "C"), as SQLite's do, so
// orderings and id-prefix ranges agree with SQLite whatever the database's locale.
import type { PostgresMigration } from './migrations.js';

/** One result's contribution to each total column, as SQL over NEW or OLD, in totalColumns order. */
function contributions(row: 'NEW' | 'OLD'): string[] {
  const when = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
  return [
    '1',
    when(`${row}.status = 'pass'`),
    when(`${row}.status = 'fail'`),
    when(`${row}.status = 'error'`),
    `${row}.input_tokens`,
    `${row}.output_tokens`,
    `COALESCE(${row}.cost_usd, 0)`,
    when(`${row}.cost_usd IS NOT NULL`),
    when(`${row}.cost_usd IS NOT NULL AND ${row}.status = 'pass'`),
    `${row}.latency_ms`,
  ];
}

const totalColumns = ['results', 'passed', 'failed', 'errors', 'input_tokens', 'output_tokens', 'cost_usd', 'priced_results', 'priced_passes', 'latency_ms'];

export const evalSchemaMigration: PostgresMigration = {
  version: 1,
  description: 'runs, case results, per-run totals, spans, traces and dataset cases',
  sql: `
    CREATE TABLE runs (
      id text COLLATE "C" PRIMARY KEY,
      started_at bigint NOT NULL,
      finished_at bigint,
      status text NOT NULL CHECK (status IN ('running', 'completed', 'interrupted')),
      git_commit text,
      dataset_path text COLLATE "C" NOT NULL,
      dataset_hash text NOT NULL,
      config text NOT NULL,
      planned_results integer NOT NULL,
      owner_host text,
      owner_pid integer,
      owner_scope text,
      heartbeat_at bigint
    );
    CREATE INDEX runs_started_at ON runs (started_at);
    CREATE INDEX runs_dataset_status_started_at ON runs (dataset_hash, status, started_at);
    CREATE INDEX runs_dataset_path_started_at ON runs (dataset_path, started_at);
    CREATE INDEX runs_running ON runs (id) WHERE status = 'running';

    CREATE TABLE case_results (
      id bigserial PRIMARY KEY,
      run_id text COLLATE "C" NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      case_id text COLLATE "C" NOT NULL,
      agent text COLLATE "C" NOT NULL,
      model text COLLATE "C" NOT NULL,
      epoch integer NOT NULL,
      status text NOT NULL CHECK (status IN ('pass', 'fail', 'error')),
      agent_status text NOT NULL,
      checks text NOT NULL,
      output text NOT NULL,
      error text,
      tools_called text NOT NULL,
      model_calls integer NOT NULL,
      tool_calls integer NOT NULL,
      input_tokens bigint NOT NULL,
      output_tokens bigint NOT NULL,
      cost_usd double precision,
      latency_ms double precision NOT NULL,
      trace_id text COLLATE "C",
      seed bigint NOT NULL,
      tags text NOT NULL,
      started_at bigint NOT NULL,
      finished_at bigint NOT NULL,
      confidence double precision,
      escalated smallint,
      -- One result per matrix cell; its index also serves every lookup by run_id.
      UNIQUE (run_id, case_id, agent, model, epoch)
    );
    CREATE INDEX case_results_case_started_at ON case_results (case_id, started_at);
    CREATE INDEX case_results_model_agent ON case_results (model, agent);

    CREATE TABLE run_group_totals (
      run_id text COLLATE "C" NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      model text COLLATE "C" NOT NULL,
      agent text COLLATE "C" NOT NULL,
      results bigint NOT NULL,
      passed bigint NOT NULL,
      failed bigint NOT NULL,
      errors bigint NOT NULL,
      input_tokens bigint NOT NULL,
      output_tokens bigint NOT NULL,
      -- USD over the results that have a price; priced_results says whether any had one.
      cost_usd double precision NOT NULL,
      priced_results bigint NOT NULL,
      priced_passes bigint NOT NULL,
      latency_ms double precision NOT NULL,
      PRIMARY KEY (run_id, model, agent)
    );

    -- SQLite's three triggers as one: an update (a resumed run replacing a cell) moves its counts, a
    -- delete takes them away, so a result is never counted twice. The totals row is updated under its
    -- row lock, so concurrent writers into one run add up.
    CREATE FUNCTION case_results_totals() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE run_group_totals SET ${totalColumns.map((column, index) => `${column} = ${column} - (${contributions('OLD')[index]})`).join(', ')}
        WHERE run_id = OLD.run_id AND model = OLD.model AND agent = OLD.agent;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO run_group_totals (run_id, model, agent, ${totalColumns.join(', ')})
        VALUES (NEW.run_id, NEW.model, NEW.agent, ${contributions('NEW').join(', ')})
        ON CONFLICT (run_id, model, agent) DO UPDATE SET ${totalColumns.map((column) => `${column} = run_group_totals.${column} + excluded.${column}`).join(', ')};
      END IF;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER case_results_totals AFTER INSERT OR UPDATE OR DELETE ON case_results
      FOR EACH ROW EXECUTE FUNCTION case_results_totals();

    CREATE TABLE spans (
      id bigserial PRIMARY KEY,
      trace_id text COLLATE "C" NOT NULL,
      span_id text COLLATE "C" NOT NULL,
      parent_span_id text,
      name text NOT NULL,
      kind text NOT NULL,
      start_time_ms double precision NOT NULL,
      end_time_ms double precision NOT NULL,
      duration_ms double precision NOT NULL,
      status_code text NOT NULL,
      status_message text,
      service_name text NOT NULL,
      scope text NOT NULL,
      operation_name text,
      run_id text,
      case_id text,
      attributes text NOT NULL,
      events text NOT NULL,
      -- Its index also serves every lookup by trace_id, the only way spans are read.
      UNIQUE (trace_id, span_id)
    );

    CREATE TABLE traces (
      trace_id text COLLATE "C" PRIMARY KEY,
      -- The root span's (a span with no parent); until it arrives, the earliest span's.
      service_name text COLLATE "C" NOT NULL,
      root_name text NOT NULL,
      has_root smallint NOT NULL,
      start_time_ms double precision NOT NULL,
      end_time_ms double precision NOT NULL,
      span_count bigint NOT NULL,
      agent_runs bigint NOT NULL,
      model_calls bigint NOT NULL,
      tool_calls bigint NOT NULL,
      error_spans bigint NOT NULL,
      input_tokens double precision NOT NULL,
      output_tokens double precision NOT NULL,
      -- NULL when no model call's cost is known.
      cost_usd double precision,
      unpriced_model_calls bigint NOT NULL,
      run_id text,
      case_id text
    );
    CREATE INDEX traces_start_time ON traces (start_time_ms, trace_id, error_spans, root_name);
    CREATE INDEX traces_service_start_time ON traces (service_name, start_time_ms, trace_id);

    CREATE TABLE dataset_cases (
      dataset_hash text NOT NULL,
      case_id text COLLATE "C" NOT NULL,
      -- The validated case as JSON (GoldenCase).
      definition text NOT NULL,
      PRIMARY KEY (dataset_hash, case_id)
    );
  `,
};
