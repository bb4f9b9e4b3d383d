// Schema version 7: long-term memories (facts) and episodes (what a run tried and how it went), each
// with the embedding model that placed it, and the vector size of every embedding model seen.
// The vector indexes themselves are sqlite-vec `vec0` tables, one per vector size
// (`memory_vectors_256`, `episode_vectors_1536`, …), made by memory-table.ts and episode-table.ts
// the first time a vector of that size is written: vec0 fixes the size when the table is declared,
// and embedding models differ (256 from the simulator, 1536 from text-embedding-3-small, 768 from
// nomic-embed-text). So this migration needs no extension, and a connection that never touches
// memory never loads one.
import type { Migration } from './migrations.js';

export const memoryMigration: Migration = {
  version: 7,
  description: 'long-term memories and episodes, and the vector size of each embedding model',
  sql: `
    CREATE TABLE embedding_models (
      -- The model reference, e.g. sim:strong or openai:text-embedding-3-small.
      model TEXT PRIMARY KEY,
      dimensions INTEGER NOT NULL CHECK (dimensions BETWEEN 1 AND 8192)
    ) WITHOUT ROWID;

    CREATE TABLE memories (
      id INTEGER PRIMARY KEY,
      namespace TEXT NOT NULL,
      -- '' for a memory every agent of the namespace shares.
      agent TEXT NOT NULL,
      content TEXT NOT NULL,
      embedding_model TEXT NOT NULL REFERENCES embedding_models (model),
      created_at INTEGER NOT NULL,
      last_accessed_at INTEGER NOT NULL,
      access_count INTEGER NOT NULL DEFAULT 0,
      -- The run (or trace) that remembered it, when an agent did.
      run_id TEXT
    );
    CREATE INDEX memories_namespace_agent_created_at ON memories (namespace, agent, created_at);

    CREATE TABLE episodes (
      id INTEGER PRIMARY KEY,
      namespace TEXT NOT NULL,
      agent TEXT NOT NULL,
      model TEXT NOT NULL,
      run_id TEXT,
      trace_id TEXT,
      goal TEXT NOT NULL,
      -- A short summary of the trajectory: model calls, tool calls and how each went.
      steps TEXT NOT NULL,
      -- The run's status (completed, max_steps, error…) and its answer.
      outcome TEXT NOT NULL,
      output TEXT NOT NULL,
      -- What to do differently next time; set later by a reviewer.
      lesson TEXT,
      embedding_model TEXT NOT NULL REFERENCES embedding_models (model),
      created_at INTEGER NOT NULL
    );
    CREATE INDEX episodes_namespace_created_at ON episodes (namespace, created_at);
  `,
};
