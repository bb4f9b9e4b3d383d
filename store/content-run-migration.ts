// Schema version 10: the content pipeline's runs. One row per run of a piece by a worker of the
// queue's worker loop (a piece taken over after a worker died, or returned by a reviewer, has several),
// so the content report can show throughput, cost, confidence and latency per stage over time.
import type { Migration } from './migrations.js';

export const contentRunMigration: Migration = {
  version: 10,
  description: 'content runs: one row per finished run of a content piece by a worker',
  sql: `
    CREATE TABLE content_runs (
      id INTEGER PRIMARY KEY,
      piece_id TEXT NOT NULL,
      topic TEXT NOT NULL,
      worker_id TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      finished_at INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('published', 'ready', 'in_review', 'failed')),
      reason TEXT,
      confidence REAL,
      claims_checked INTEGER,
      claims_supported INTEGER,
      cost_usd REAL NOT NULL,
      -- JSON: worker (and supervisor) → model, calls, tokens, cost.
      workers TEXT NOT NULL,
      -- JSON: stage → milliseconds (retries summed).
      stage_latency_ms TEXT NOT NULL,
      -- JSON array: the stages run, in order, retries included.
      stages_run TEXT NOT NULL,
      review_id TEXT,
      trace_id TEXT,
      -- A run is recorded once, whoever records it again. Also serves lookups by piece_id.
      UNIQUE (piece_id, worker_id, started_at)
    );
    CREATE INDEX content_runs_finished_at ON content_runs (finished_at);
  `,
};
