// Schema version 13: the shards of a run that several processes make together (`agentlab eval
// --run-id <id> --shard i/n`, one CI job per shard). Each shard has its own row with its own owner and
// heartbeat, so a shard whose process died reads as interrupted while the others go on, and the run
// is completed only once every one of its n shards is.
import type { Migration } from './migrations.js';

export const runShardsMigration: Migration = {
  version: 13,
  description: 'the shards of a run made by several processes, each with its status, owner and heartbeat',
  sql: `
    CREATE TABLE run_shards (
      run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      -- 1-based, of shard_count.
      shard_index INTEGER NOT NULL,
      shard_count INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted')),
      planned_results INTEGER NOT NULL,
      started_at INTEGER NOT NULL,
      finished_at INTEGER,
      owner_host TEXT,
      owner_pid INTEGER,
      owner_scope TEXT,
      heartbeat_at INTEGER,
      PRIMARY KEY (run_id, shard_index)
    ) WITHOUT ROWID;
  `,
};
