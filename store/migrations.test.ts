// Migrations: an older file is brought up to date in one transaction, and a file from a newer
// agentlab is refused rather than read with the wrong schema.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from './errors.js';
import { migrate, schemaVersion, storeMigrations, storeSchemaVersion } from './migrations.js';
import type { Migration } from './migrations.js';
import { openStore } from './open-store.js';
import { runRecord, temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
afterEach(() => directories.removeAll());

function tableNames(database: BetterSqlite3.Database): string[] {
  const rows = database.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
  return rows.map((row) => row.name);
}

function indexNames(database: BetterSqlite3.Database): string[] {
  const rows = database.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name").all() as Array<{ name: string }>;
  return rows.map((row) => row.name);
}

describe('store migrations', () => {
  it('are numbered 1, 2, 3… in order', () => {
    expect(storeMigrations.map((migration) => migration.version)).toEqual(storeMigrations.map((_, index) => index + 1));
    expect(storeSchemaVersion).toBe(storeMigrations.length);
  });

  it('bring a database at user_version 0 up to the current schema', () => {
    const path = join(directories.make(), 'old.db');
    const old = new BetterSqlite3(path);
    old.exec('CREATE TABLE unrelated (x INTEGER)');
    expect(schemaVersion(old)).toBe(0);
    old.close();

    const store = openStore(path);
    store.createRun(runRecord());
    store.close();

    const database = new BetterSqlite3(path);
    expect(schemaVersion(database)).toBe(storeSchemaVersion);
    expect(tableNames(database)).toEqual(['agent_runs', 'approvals', 'case_results', 'content_day_stage_latencies', 'content_day_totals', 'content_day_worker_totals', 'content_runs', 'dataset_cases', 'embedding_models', 'episodes', 'memories', 'queue_jobs', 'reviews', 'run_group_totals', 'run_shards', 'runs', 'spans', 'trace_day_totals', 'traces', 'unrelated']);
    expect(indexNames(database)).toEqual([
      'agent_runs_started_at',
      'approvals_status_requested_at',
      'case_results_case_started_at',
      'case_results_model_agent',
      'content_runs_finished_at',
      'content_runs_status_finished_at',
      'episodes_namespace_created_at',
      'memories_namespace_agent_created_at',
      'queue_jobs_queue_state_created_at',
      'reviews_status_created_at',
      'runs_dataset_path_started_at',
      'runs_dataset_status_started_at',
      'runs_running',
      'runs_started_at',
      'traces_service_start_time',
      'traces_start_time',
    ]);
    database.close();
  });

  it('sum the traces already stored into their rows when the traces table arrives', () => {
    const path = join(directories.make(), 'version3.db');
    const old = new BetterSqlite3(path);
    migrate(old, path, storeMigrations.filter((migration) => migration.version <= 3));
    const insert = old.prepare(`INSERT INTO spans (trace_id, span_id, parent_span_id, name, kind, start_time_ms, end_time_ms, duration_ms, status_code, service_name, scope, operation_name, run_id, case_id, attributes, events)
      VALUES (?, ?, ?, ?, 'internal', ?, ?, 0, ?, ?, 'x', ?, ?, ?, ?, '[]')`);
    insert.run('t1', 'chat', 'root', 'chat gpt-4o', 110, 150, 'unset', 'agentlab', 'chat', 'run-1', null, JSON.stringify({ 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 7, 'gen_ai.usage.cost': 0.25 }));
    insert.run('t1', 'root', null, 'invoke_agent react', 100, 200, 'unset', 'agentlab', 'invoke_agent', 'run-1', 'case-1', JSON.stringify({ 'gen_ai.usage.input_tokens': 999 }));
    insert.run('t1', 'tool', 'root', 'execute_tool x', 150, 160, 'error', 'agentlab', 'execute_tool', null, null, '{}');
    insert.run('t2', 'chat', 'gone', 'chat local', 5, 6, 'unset', 'other-service', 'chat', null, null, JSON.stringify({ 'gen_ai.usage.input_tokens': 'many' }));
    old.close();

    const store = openStore(path);
    expect(store.traces()).toEqual([
      { traceId: 't1', serviceName: 'agentlab', rootName: 'invoke_agent react', startTimeMs: 100, durationMs: 100, spanCount: 3, agentRuns: 1, modelCalls: 1, toolCalls: 1, errorSpans: 1, inputTokens: 100, outputTokens: 7, costUsd: 0.25, unpricedModelCalls: 0, runId: 'run-1', caseId: 'case-1' },
      { traceId: 't2', serviceName: 'other-service', rootName: 'chat local', startTimeMs: 5, durationMs: 1, spanCount: 1, agentRuns: 0, modelCalls: 1, toolCalls: 0, errorSpans: 0, inputTokens: 0, outputTokens: 0, unpricedModelCalls: 1 },
    ]);
    store.close();
  });

  it('sum the traces of a version 13 file into per-day spend by service, which later writes keep up', () => {
    const path = join(directories.make(), 'version13.db');
    const old = new BetterSqlite3(path);
    migrate(old, path, storeMigrations.filter((migration) => migration.version <= 13));
    const insert = old.prepare(`INSERT INTO traces (trace_id, service_name, root_name, has_root, start_time_ms, end_time_ms, span_count, agent_runs, model_calls, tool_calls, error_spans, input_tokens, output_tokens, cost_usd, unpriced_model_calls)
      VALUES (?, ?, 'root', 1, ?, ?, 1, 0, ?, 0, 0, ?, 5, ?, ?)`);
    const midnight = Date.UTC(2026, 5, 2);
    insert.run('before-midnight', 'billing', midnight - 0.25, midnight, 2, 100, 0.5, 0);
    insert.run('at-midnight', 'billing', midnight, midnight + 1, 1, 10, null, 1);
    insert.run('next-day', 'support', midnight + 86_400_000 + 3.5, midnight + 86_400_001, 3, 30, 0.25, 0);
    old.close();

    const store = openStore(path);
    const days = new BetterSqlite3(path, { readonly: true });
    expect(days.prepare('SELECT day, service_name, traces, model_calls, input_tokens, cost_usd, priced_traces, unpriced_model_calls FROM trace_day_totals ORDER BY day, service_name').raw().all()).toEqual([
      [midnight / 86_400_000 - 1, 'billing', 1, 2, 100, 0.5, 1, 0],
      [midnight / 86_400_000, 'billing', 1, 1, 10, 0, 0, 1],
      [midnight / 86_400_000 + 1, 'support', 1, 3, 30, 0.25, 1, 0],
    ]);
    days.close();
    // The whole first day from its row, the spend after midnight from the traces.
    expect(store.serviceCosts({ since: midnight - 86_400_000, until: midnight + 0.5 })).toEqual([
      { serviceName: 'billing', traces: 2, modelCalls: 3, inputTokens: 110, outputTokens: 10, costUsd: 0.5, unpricedModelCalls: 1 },
    ]);
    store.close();
  });

  it('give the runs of a version 4 file owners and heartbeats, so one left running by an old agentlab reads as interrupted', () => {
    const path = join(directories.make(), 'version4.db');
    const old = new BetterSqlite3(path);
    migrate(old, path, storeMigrations.filter((migration) => migration.version <= 4));
    const insert = old.prepare(`INSERT INTO runs (id, started_at, status, dataset_path, dataset_hash, config, planned_results) VALUES (?, ?, ?, 'cases.jsonl', 'h', ?, 1)`);
    insert.run('left-running', 1_000, 'running', JSON.stringify(runRecord().config));
    insert.run('completed', 2_000, 'completed', JSON.stringify(runRecord().config));
    old.close();

    const store = openStore(path);
    expect(store.getRun('left-running')).toMatchObject({ status: 'interrupted', finishedAt: 1_000 });
    expect(store.getRun('left-running')?.owner).toBeUndefined();
    expect(store.getRun('completed')?.status).toBe('completed');
    store.createRun(runRecord({ id: 'new' }));
    expect(store.getRun('new')).toMatchObject({ status: 'running', owner: { pid: process.pid } });
    store.close();
  });

  it('refuse a database from a newer agentlab with AGENTLAB_STORE_VERSION_TOO_NEW, leaving it untouched', () => {
    const path = join(directories.make(), 'newer.db');
    const newer = new BetterSqlite3(path);
    newer.pragma('user_version = 999');
    newer.close();

    let failure: unknown;
    try {
      openStore(path);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).code).toBe('AGENTLAB_STORE_VERSION_TOO_NEW');
    expect((failure as StoreError).message).toContain(path);
    expect((failure as StoreError).message).toContain('999');

    const database = new BetterSqlite3(path);
    expect(schemaVersion(database)).toBe(999);
    expect(tableNames(database)).toEqual([]);
    database.close();
  });

  it('apply only the migrations a database does not have yet', () => {
    const migrations: Migration[] = [
      { version: 1, description: 'first', sql: 'CREATE TABLE first (x INTEGER)' },
      { version: 2, description: 'second', sql: 'CREATE TABLE second (x INTEGER)' },
    ];
    const database = new BetterSqlite3(':memory:');
    expect(migrate(database, ':memory:', migrations.slice(0, 1))).toEqual([1]);
    expect(migrate(database, ':memory:', migrations)).toEqual([2]);
    expect(migrate(database, ':memory:', migrations)).toEqual([]);
    expect(schemaVersion(database)).toBe(2);
    expect(tableNames(database)).toEqual(['first', 'second']);
    database.close();
  });

  it('leave the database as it was when a pending migration fails', () => {
    const migrations: Migration[] = [
      { version: 1, description: 'good', sql: 'CREATE TABLE good (x INTEGER)' },
      { version: 2, description: 'broken', sql: 'CREATE TABLE broken (x INTEGER); THIS IS NOT SQL' },
    ];
    const database = new BetterSqlite3(':memory:');
    expect(() => migrate(database, ':memory:', migrations)).toThrow();
    expect(schemaVersion(database)).toBe(0);
    expect(tableNames(database)).toEqual([]);
    database.close();
  });
});
