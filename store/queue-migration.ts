// Schema version 9: the durable job queue (queue/ uses it as its default backend). One row per job;
// every change a worker makes is one UPDATE conditional on the job's state and lease, so two
// processes on one file never both lease, complete or checkpoint the same job.
import type { Migration } from './migrations.js';

export const queueMigration: Migration = {
  version: 9,
  description: 'queue jobs: leases, checkpoints, retries and the dead letter',
  sql: `
    CREATE TABLE queue_jobs (
      id TEXT PRIMARY KEY,
      queue TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead', 'in_review')),
      payload TEXT NOT NULL,
      -- JSON: stage name → the value its checkpoint recorded.
      checkpoints TEXT NOT NULL DEFAULT '{}',
      attempts INTEGER NOT NULL DEFAULT 0,
      max_attempts INTEGER NOT NULL,
      expired_leases INTEGER NOT NULL DEFAULT 0,
      -- JSON array of the most recent error messages, oldest first.
      errors TEXT NOT NULL DEFAULT '[]',
      lease_owner TEXT,
      lease_expires_at INTEGER,
      -- A queued job is not leased before this (a retry's backoff).
      available_at INTEGER NOT NULL,
      result TEXT,
      note TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER
    );
    CREATE INDEX queue_jobs_queue_state_created_at ON queue_jobs (queue, state, created_at);
  `,
};
