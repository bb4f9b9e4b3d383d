// PostgreSQL schema version 2: the shards of a run that several processes make together (`agentlab
// eval --run-id <id> --shard i/n`), each with its own status, owner and heartbeat: SQLite's version 13.
import type { PostgresMigration } from './migrations.js';

export const runShardsMigration: PostgresMigration = {
  version: 2,
  description: 'the shards of a run made by several processes, each with its status, owner and heartbeat',
  sql: `
    CREATE TABLE run_shards (
      run_id text COLLATE "C" NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      -- 1-based, of shard_count.
      shard_index integer NOT NULL,
      shard_count integer NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'completed', 'interrupted')),
      planned_results integer NOT NULL,
      started_at bigint NOT NULL,
      finished_at bigint,
      owner_host text,
      owner_pid integer,
      owner_scope text,
      heartbeat_at bigint,
      PRIMARY KEY (run_id, shard_index)
    );
  `,
};
