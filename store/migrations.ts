// The schema as an ordered list of migrations. `PRAGMA user_version` records how many have been
// applied; opening a store applies the pending ones in one write transaction, and refuses a file
// written by a newer agentlab rather than guessing at a schema it does not know.
import type { Database } from 'better-sqlite3';
import { storeVersionTooNew } from './errors.js';
import { reportTotalsMigration } from './report-totals-migration.js';
import { runOwnerMigration } from './run-owner-migration.js';
import { datasetCasesMigration } from './dataset-cases-migration.js';
import { tracesMigration } from './traces-migration.js';
import { memoryMigration } from './memory-migration.js';
import { humanLoopMigration } from './human-loop-migration.js';
import { queueMigration } from './queue-migration.js';
import { contentRunMigration } from './content-run-migration.js';
import { contentTotalsMigration } from './content-totals-migration.js';
import { contentSettlementMigration } from './content-settlement-migration.js';
import { runShardsMigration } from './run-shards-migration.js';
import { traceDayTotalsMigration } from './trace-day-totals-migration.js';

export interface Migration {
  /** 1, 2, 3…: the user_version the database has once this migration is applied. */
  version: number;
  description: string;
  sql: string;
}

export const storeMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'runs, case results and spans',
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted')),
        git_commit TEXT,
        dataset_path TEXT NOT NULL,
        dataset_hash TEXT NOT NULL,
        config TEXT NOT NULL,
        planned_results INTEGER NOT NULL
      );
      CREATE INDEX runs_started_at ON runs (started_at);
      CREATE INDEX runs_dataset_status_started_at ON runs (dataset_hash, status, started_at);

      CREATE TABLE case_results (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        case_id TEXT NOT NULL,
        agent TEXT NOT NULL,
        model TEXT NOT NULL,
        epoch INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'error')),
        agent_status TEXT NOT NULL,
        checks TEXT NOT NULL,
        output TEXT NOT NULL,
        error TEXT,
        tools_called TEXT NOT NULL,
        model_calls INTEGER NOT NULL,
        tool_calls INTEGER NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cost_usd REAL,
        latency_ms REAL NOT NULL,
        trace_id TEXT,
        seed INTEGER NOT NULL,
        tags TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER NOT NULL,
        -- One result per matrix cell; its index also serves every lookup by run_id.
        UNIQUE (run_id, case_id, agent, model, epoch)
      );
      CREATE INDEX case_results_case_started_at ON case_results (case_id, started_at);
      CREATE INDEX case_results_model_agent ON case_results (model, agent);

      CREATE TABLE spans (
        id INTEGER PRIMARY KEY,
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        parent_span_id TEXT,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        start_time_ms REAL NOT NULL,
        end_time_ms REAL NOT NULL,
        duration_ms REAL NOT NULL,
        status_code TEXT NOT NULL,
        status_message TEXT,
        service_name TEXT NOT NULL,
        scope TEXT NOT NULL,
        -- Copied out of the attributes so report queries can filter on them with an index.
        operation_name TEXT,
        run_id TEXT,
        case_id TEXT,
        attributes TEXT NOT NULL,
        events TEXT NOT NULL,
        -- Its index also serves every lookup by trace_id.
        UNIQUE (trace_id, span_id)
      );
      CREATE INDEX spans_run_operation ON spans (run_id, operation_name);
      CREATE INDEX spans_case ON spans (case_id);
      CREATE INDEX spans_start_time ON spans (start_time_ms);
      CREATE INDEX spans_name ON spans (name);
    `,
  },
  reportTotalsMigration,
  {
    version: 3,
    description: 'drop span indexes no query uses: every span lookup is by trace id, and each index cost OTLP ingest a quarter of its speed',
    sql: `
      DROP INDEX IF EXISTS spans_run_operation;
      DROP INDEX IF EXISTS spans_case;
      DROP INDEX IF EXISTS spans_start_time;
      DROP INDEX IF EXISTS spans_name;
    `,
  },
  tracesMigration,
  runOwnerMigration,
  datasetCasesMigration,
  memoryMigration,
  humanLoopMigration,
  queueMigration,
  contentRunMigration,
  contentTotalsMigration,
  contentSettlementMigration,
  runShardsMigration,
  traceDayTotalsMigration,
];

/** The schema version this code writes: the last migration's. */
export const storeSchemaVersion = storeMigrations.at(-1)?.version ?? 0;

export function schemaVersion(database: Database): number {
  return database.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings `database` up to the last of `migrations`. The version is read again inside an immediate
 * transaction, so two processes opening a new file at once do not both create the tables.
 * `path` only names the file in errors. Returns the versions applied.
 */
export function migrate(database: Database, path: string, migrations: readonly Migration[] = storeMigrations): number[] {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Store migration ${index + 1} is numbered ${migration.version}.`);
  });
  const knownVersion = migrations.at(-1)?.version ?? 0;
  const checkVersion = (): number => {
    const version = schemaVersion(database);
    if (version > knownVersion) throw storeVersionTooNew(path, version, knownVersion);
    return version;
  };
  if (checkVersion() === knownVersion) return [];

  const applyPending = database.transaction((): number[] => {
    const pending = migrations.filter((migration) => migration.version > checkVersion());
    for (const migration of pending) database.exec(migration.sql);
    if (pending.length > 0) database.pragma(`user_version = ${knownVersion}`);
    return pending.map((migration) => migration.version);
  });
  return applyPending.immediate();
}
