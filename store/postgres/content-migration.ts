// PostgreSQL schema version 5: the content pipeline's runs and their daily totals, as SQLite's
// versions 10 to 12. SQLite keeps the totals with a trigger that reads each run's JSON; here
// ContentRunTable.add writes them itself, in the run's transaction, from the record it was given.
import type { PostgresMigration } from './migrations.js';

export const contentMigration: PostgresMigration = {
  version: 5,
  description: 'content runs and their daily totals (by status, by worker and model, stage latency histogram)',
  sql: `
    CREATE TABLE content_runs (
      id bigserial PRIMARY KEY,
      piece_id text COLLATE "C" NOT NULL,
      topic text NOT NULL,
      worker_id text COLLATE "C" NOT NULL,
      started_at bigint NOT NULL,
      finished_at bigint NOT NULL,
      status text NOT NULL CHECK (status IN ('published', 'ready', 'in_review', 'failed')),
      reason text,
      confidence double precision,
      claims_checked integer,
      claims_supported integer,
      cost_usd double precision NOT NULL,
      workers text NOT NULL,
      stage_latency_ms text NOT NULL,
      stages_run text NOT NULL,
      review_id text,
      trace_id text,
      UNIQUE (piece_id, worker_id, started_at)
    );
    CREATE INDEX content_runs_finished_at ON content_runs (finished_at);
    CREATE INDEX content_runs_status_finished_at ON content_runs (status, finished_at);

    CREATE TABLE content_day_totals (
      day text COLLATE "C" NOT NULL,
      status text COLLATE "C" NOT NULL,
      runs bigint NOT NULL,
      cost_usd double precision NOT NULL,
      checked_runs bigint NOT NULL,
      claims_checked bigint NOT NULL,
      claims_supported bigint NOT NULL,
      PRIMARY KEY (day, status)
    );

    CREATE TABLE content_day_worker_totals (
      day text COLLATE "C" NOT NULL,
      worker text COLLATE "C" NOT NULL,
      model text COLLATE "C" NOT NULL,
      runs bigint NOT NULL,
      model_calls bigint NOT NULL,
      tool_calls bigint NOT NULL,
      input_tokens bigint NOT NULL,
      output_tokens bigint NOT NULL,
      cost_usd double precision NOT NULL,
      unpriced_runs bigint NOT NULL,
      PRIMARY KEY (day, worker, model)
    );

    CREATE TABLE content_day_stage_latencies (
      day text COLLATE "C" NOT NULL,
      stage text COLLATE "C" NOT NULL,
      bucket integer NOT NULL,
      runs bigint NOT NULL,
      PRIMARY KEY (day, stage, bucket)
    );
  `,
};
