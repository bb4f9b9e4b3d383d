// PostgreSQL schema version 3: human in the loop, as SQLite's version 8 (agent runs that pause at an
// approval gate and resume in another process, the approvals, the review queue); confidence on case
// results is in version 1 already.
import type { PostgresMigration } from './migrations.js';

export const humanLoopMigration: PostgresMigration = {
  version: 3,
  description: 'agent runs that can pause, approvals and the review queue',
  sql: `
    CREATE TABLE agent_runs (
      id text COLLATE "C" PRIMARY KEY,
      agent text NOT NULL,
      goal text NOT NULL,
      model text NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'awaiting_approval', 'completed', 'max_steps', 'budget_exceeded', 'error', 'interrupted')),
      settings text NOT NULL,
      journal text NOT NULL,
      trace_id text,
      root_span_id text,
      output text,
      error text,
      claim integer NOT NULL DEFAULT 0,
      owner_host text,
      owner_pid integer,
      owner_scope text,
      started_at bigint NOT NULL,
      updated_at bigint NOT NULL,
      finished_at bigint
    );
    CREATE INDEX agent_runs_started_at ON agent_runs (started_at);

    CREATE TABLE approvals (
      id text COLLATE "C" PRIMARY KEY,
      run_id text COLLATE "C" NOT NULL REFERENCES agent_runs (id) ON DELETE CASCADE,
      call_id text NOT NULL,
      agent text NOT NULL,
      tool text NOT NULL,
      permission text NOT NULL,
      arguments text NOT NULL,
      goal text NOT NULL,
      context text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
      requested_at bigint NOT NULL,
      decided_at bigint,
      decided_by text,
      reason text,
      executed_at bigint,
      UNIQUE (run_id, call_id)
    );
    CREATE INDEX approvals_status_requested_at ON approvals (status, requested_at);

    CREATE TABLE reviews (
      id text COLLATE "C" PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('low_confidence', 'retries_exhausted')),
      status text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'corrected')),
      run_id text NOT NULL,
      case_id text,
      epoch integer,
      agent text NOT NULL,
      model text NOT NULL,
      goal text NOT NULL,
      answer text NOT NULL,
      confidence double precision,
      reasoning text,
      error_report text,
      steps text NOT NULL,
      trace_id text,
      created_at bigint NOT NULL,
      decided_at bigint,
      decided_by text,
      note text,
      correction text,
      episode_id bigint
    );
    CREATE INDEX reviews_status_created_at ON reviews (status, created_at);
    -- addOnce's check for the same cell: one index seek rather than a scan of the queue.
    CREATE INDEX reviews_cell ON reviews (run_id, kind, agent, model);
  `,
};
