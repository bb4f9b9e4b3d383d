// PostgreSQL schema version 6: long-term memories and episodes, as SQLite's version 7. sqlite-vec is
// SQLite's alone (and pgvector is not assumed on the server), so each row keeps its vector itself, as
// float32 little-endian bytes (as sqlite-vec keeps it), and a search ranks the rows in scope by cosine
// distance (cosine-ranking.ts): exact, as sqlite-vec's KNN is, filtered before ranking, so k nearest
// means k nearest that match.
import type { PostgresMigration } from './migrations.js';

export const memoryMigration: PostgresMigration = {
  version: 6,
  description: 'long-term memories and episodes with their vectors, and the vector size of each embedding model',
  sql: `
    CREATE TABLE embedding_models (
      model text PRIMARY KEY,
      dimensions integer NOT NULL CHECK (dimensions BETWEEN 1 AND 8192)
    );

    CREATE TABLE memories (
      id bigserial PRIMARY KEY,
      namespace text NOT NULL,
      agent text NOT NULL,
      content text NOT NULL,
      embedding_model text NOT NULL REFERENCES embedding_models (model),
      embedding bytea NOT NULL,
      created_at bigint NOT NULL,
      last_accessed_at bigint NOT NULL,
      access_count integer NOT NULL DEFAULT 0,
      run_id text
    );
    CREATE INDEX memories_namespace_agent_created_at ON memories (namespace, agent, created_at);
    -- A search's scope: one namespace and embedding model.
    CREATE INDEX memories_namespace_embedding_model ON memories (namespace, embedding_model);

    CREATE TABLE episodes (
      id bigserial PRIMARY KEY,
      namespace text NOT NULL,
      agent text NOT NULL,
      model text NOT NULL,
      run_id text,
      trace_id text,
      goal text NOT NULL,
      steps text NOT NULL,
      outcome text NOT NULL,
      output text NOT NULL,
      lesson text,
      embedding_model text NOT NULL REFERENCES embedding_models (model),
      embedding bytea NOT NULL,
      created_at bigint NOT NULL
    );
    CREATE INDEX episodes_namespace_created_at ON episodes (namespace, created_at);
    CREATE INDEX episodes_namespace_embedding_model ON episodes (namespace, embedding_model);
  `,
};
