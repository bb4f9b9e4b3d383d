// Schema version 8: human in the loop. `agent_runs` are single runs of `agentlab run` (an eval's runs
// stay in `runs`): their settings and the journal of what the model and tools returned, so a run paused
// at an approval gate resumes in another process. `approvals` are the gated tool calls waiting for, or
// holding, a person's decision; `reviews` the answers and failures waiting in the review queue. Case
// results gain the answer's confidence rating and whether it was escalated.
import type { Migration } from './migrations.js';

export const humanLoopMigration: Migration = {
  version: 8,
  description: 'agent runs that can pause, approvals, the review queue, and confidence on case results',
  sql: `
    CREATE TABLE agent_runs (
      id TEXT PRIMARY KEY,
      agent TEXT NOT NULL,
      goal TEXT NOT NULL,
      model TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'awaiting_approval', 'completed', 'max_steps', 'budget_exceeded', 'error', 'interrupted')),
      -- JSON: what a resume needs to go on as the run began (the CLI's flags, the sandbox's folder).
      settings TEXT NOT NULL,
      -- JSON: the model replies and tool results so far, in order, replayed on resume.
      journal TEXT NOT NULL,
      trace_id TEXT,
      root_span_id TEXT,
      output TEXT,
      error TEXT,
      -- Bumped by every claim (start, resume), so a resumer knows whether the run is still its own.
      claim INTEGER NOT NULL DEFAULT 0,
      -- The process making the run (as in runs): one that is gone leaves the run interrupted.
      owner_host TEXT,
      owner_pid INTEGER,
      owner_scope TEXT,
      started_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER
    );
    CREATE INDEX agent_runs_started_at ON agent_runs (started_at);

    CREATE TABLE approvals (
      id TEXT PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES agent_runs (id) ON DELETE CASCADE,
      call_id TEXT NOT NULL,
      agent TEXT NOT NULL,
      tool TEXT NOT NULL,
      permission TEXT NOT NULL,
      arguments TEXT NOT NULL,
      goal TEXT NOT NULL,
      -- The last messages before the call, as text, so a decider sees why it was asked for.
      context TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
      requested_at INTEGER NOT NULL,
      decided_at INTEGER,
      decided_by TEXT,
      reason TEXT,
      -- Set once, by the process that runs the approved call: a call is run at most once.
      executed_at INTEGER,
      UNIQUE (run_id, call_id)
    );
    CREATE INDEX approvals_status_requested_at ON approvals (status, requested_at);

    CREATE TABLE reviews (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('low_confidence', 'retries_exhausted')),
      status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'corrected')),
      -- An eval's run id (with case, epoch) or an agent run's id.
      run_id TEXT NOT NULL,
      case_id TEXT,
      epoch INTEGER,
      agent TEXT NOT NULL,
      model TEXT NOT NULL,
      goal TEXT NOT NULL,
      answer TEXT NOT NULL,
      confidence REAL,
      reasoning TEXT,
      -- JSON: what failed, how often, the last errors (retries_exhausted).
      error_report TEXT,
      -- A summary of the steps the run took, for the episode a correction records.
      steps TEXT NOT NULL,
      trace_id TEXT,
      created_at INTEGER NOT NULL,
      decided_at INTEGER,
      decided_by TEXT,
      note TEXT,
      correction TEXT,
      episode_id INTEGER
    );
    CREATE INDEX reviews_status_created_at ON reviews (status, created_at);

    ALTER TABLE case_results ADD COLUMN confidence REAL;
    ALTER TABLE case_results ADD COLUMN escalated INTEGER;
  `,
};
