// The run_group_totals table that the report pages read: it must always equal what summing the
// case results directly gives, through inserts, replaced results (a resume), and existing data.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, storeMigrations } from './migrations.js';
import { openStore } from './open-store.js';
import type { Store } from './sqlite-store.js';
import { caseResultRecord, runRecord } from './test-fixtures.js';
import { toCaseResultRow } from './case-result-table.js';

const opened: Store[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function memoryStore(): Store {
  const store = openStore(':memory:');
  opened.push(store);
  return store;
}

describe('run_group_totals', () => {
  it('sums a run\'s results per model and agent, costs only over priced results', () => {
    const store = memoryStore();
    store.createRun(runRecord());
    store.addCaseResult(caseResultRecord({ caseId: 'a', status: 'pass', inputTokens: 100, outputTokens: 10, costUsd: 0.5 }));
    store.addCaseResult(caseResultRecord({ caseId: 'b', status: 'fail', inputTokens: 200, outputTokens: 20, costUsd: 0.25 }));
    store.addCaseResult(caseResultRecord({ caseId: 'c', status: 'error', inputTokens: 1, outputTokens: 0, costUsd: undefined }));
    store.addCaseResult(caseResultRecord({ caseId: 'a', model: 'sim:weak', status: 'pass', costUsd: undefined }));
    expect(store.runGroupTotals('run-1')).toEqual([
      { model: 'sim:strong', agent: 'react', results: 3, passed: 1, failed: 1, errors: 1, inputTokens: 301, outputTokens: 30, costUsd: 0.75, pricedResults: 2, pricedPasses: 1, latencyMs: 812.5 * 3 },
      { model: 'sim:weak', agent: 'react', results: 1, passed: 1, failed: 0, errors: 0, inputTokens: 1_200, outputTokens: 80, pricedResults: 0, pricedPasses: 0, latencyMs: 812.5 },
    ]);
  });

  it('moves the counts when a result is replaced, as a resumed run does, rather than counting it twice', () => {
    const store = memoryStore();
    store.createRun(runRecord());
    store.addCaseResult(caseResultRecord({ status: 'error', costUsd: undefined }));
    store.flush();
    store.addCaseResult(caseResultRecord({ status: 'pass', costUsd: 0.125 }));
    const [totals] = store.runGroupTotals('run-1');
    expect(totals).toMatchObject({ results: 1, passed: 1, errors: 0, costUsd: 0.125, pricedResults: 1, pricedPasses: 1 });
  });

  it('takes a deleted result\'s counts away, and goes with its run', () => {
    const database = new BetterSqlite3(':memory:');
    database.pragma('foreign_keys = ON');
    migrate(database, ':memory:');
    database.prepare(`INSERT INTO runs (id, started_at, status, dataset_path, dataset_hash, config, planned_results) VALUES ('run-1', 1, 'completed', 'd', 'h', '{}', 2)`).run();
    const columns = Object.keys(toCaseResultRow(caseResultRecord()));
    const insert = database.prepare(`INSERT INTO case_results (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
    insert.run(toCaseResultRow(caseResultRecord({ caseId: 'a', status: 'pass', costUsd: 0.5 })));
    insert.run(toCaseResultRow(caseResultRecord({ caseId: 'b', status: 'fail', costUsd: 0.25 })));
    database.prepare(`DELETE FROM case_results WHERE case_id = 'a'`).run();
    expect(database.prepare('SELECT results, passed, failed, cost_usd, priced_passes FROM run_group_totals').all()).toEqual([{ results: 1, passed: 0, failed: 1, cost_usd: 0.25, priced_passes: 0 }]);
    database.prepare(`DELETE FROM runs WHERE id = 'run-1'`).run();
    expect(database.prepare('SELECT COUNT(*) AS count FROM run_group_totals').get()).toEqual({ count: 0 });
    database.close();
  });

  it('is filled from the results already stored when an older file is migrated', () => {
    const database = new BetterSqlite3(':memory:');
    migrate(database, ':memory:', storeMigrations.slice(0, 1));
    database.prepare(`INSERT INTO runs (id, started_at, status, dataset_path, dataset_hash, config, planned_results) VALUES ('run-1', 1, 'completed', 'd', 'h', '{}', 2)`).run();
    // Version 1 had no confidence columns (migration 8 added them).
    const columns = Object.keys(toCaseResultRow(caseResultRecord())).filter((column) => column !== 'confidence' && column !== 'escalated');
    const insert = database.prepare(`INSERT INTO case_results (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
    insert.run(toCaseResultRow(caseResultRecord({ caseId: 'a', status: 'pass' })));
    insert.run(toCaseResultRow(caseResultRecord({ caseId: 'b', status: 'fail' })));
    migrate(database, ':memory:');
    expect(database.prepare('SELECT results, passed, failed FROM run_group_totals').all()).toEqual([{ results: 2, passed: 1, failed: 1 }]);
    database.close();
  });
});
