// PostgreSQL schema version 4: the durable job queue, as SQLite's version 9, with `seq` standing in
// for SQLite's rowid as the tie-break of jobs created at the same millisecond.
import type { PostgresMigration } from './migrations.js';

export const queueMigration: PostgresMigration = {
  version: 4,
  description: 'queue jobs: leases, checkpoints, retries and the dead letter',
  sql: `
    CREATE TABLE queue_jobs (
      id text COLLATE "C" PRIMARY KEY,
      seq bigserial NOT NULL,
      queue text NOT NULL,
      state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead', 'in_review')),
      payload text NOT NULL,
      checkpoints text NOT NULL DEFAULT '{}',
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL,
      expired_leases integer NOT NULL DEFAULT 0,
      errors text NOT NULL DEFAULT '[]',
      lease_owner text,
      lease_expires_at bigint,
      available_at bigint NOT NULL,
      result text,
      note text,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL,
      finished_at bigint
    );
    CREATE INDEX queue_jobs_queue_state_created_at ON queue_jobs (queue, state, created_at, seq);
  `,
};
