// Schema version 5: who holds a running run (host, pid and where that pid is meaningful) and when it
// last said so, so that a run whose process died reads as interrupted instead of running forever.
// Runs stored before it have no owner; their start time stands in for the heartbeat.
import type { Migration } from './migrations.js';

export const runOwnerMigration: Migration = {
  version: 5,
  description: 'the owner (host, pid) and heartbeat of each run, and an index of the runs still running',
  sql: `
    ALTER TABLE runs ADD COLUMN owner_host TEXT;
    ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
    ALTER TABLE runs ADD COLUMN owner_scope TEXT;
    ALTER TABLE runs ADD COLUMN heartbeat_at INTEGER;
    -- Every read of runs first looks for running ones whose owner is gone: few rows, found from this.
    CREATE INDEX runs_running ON runs (id) WHERE status = 'running';
  `,
};
