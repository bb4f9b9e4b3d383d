// Schema version 2: per-run totals by model and agent, kept up to date by triggers on case_results,
// so the runs, trends and costs pages aggregate a few rows per run instead of every result of a
// year of runs. An upsert that replaces a result (a resumed run) moves its counts, never doubles them.
import type { Migration } from './migrations.js';

/** One result's contribution to each total column, as SQL over NEW or OLD, in totalColumns order. */
function contributions(row: 'NEW' | 'OLD'): string[] {
  return [
    '1',
    `${row}.status = 'pass'`,
    `${row}.status = 'fail'`,
    `${row}.status = 'error'`,
    `${row}.input_tokens`,
    `${row}.output_tokens`,
    `COALESCE(${row}.cost_usd, 0)`,
    `${row}.cost_usd IS NOT NULL`,
    `${row}.cost_usd IS NOT NULL AND ${row}.status = 'pass'`,
    `${row}.latency_ms`,
  ];
}

const totalColumns = ['results', 'passed', 'failed', 'errors', 'input_tokens', 'output_tokens', 'cost_usd', 'priced_results', 'priced_passes', 'latency_ms'];

/** Adds NEW's counts to its group's row, creating the row for a group's first result. */
const addNew = `INSERT INTO run_group_totals (run_id, model, agent, ${totalColumns.join(', ')})
    VALUES (NEW.run_id, NEW.model, NEW.agent, ${contributions('NEW').join(', ')})
    ON CONFLICT (run_id, model, agent) DO UPDATE SET ${totalColumns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')};`;

/**
 * Takes OLD's counts away. An UPDATE, never an insert: when a run is deleted its totals may go
 * before its results do, and a row must not come back for a run that no longer exists.
 */
const subtractOld = `UPDATE run_group_totals SET ${totalColumns.map((column, index) => `${column} = ${column} - (${contributions('OLD')[index]})`).join(', ')}
    WHERE run_id = OLD.run_id AND model = OLD.model AND agent = OLD.agent;`;

export const reportTotalsMigration: Migration = {
  version: 2,
  description: 'per-run totals by model and agent for the report pages, kept by triggers',
  sql: `
    CREATE TABLE run_group_totals (
      run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      model TEXT NOT NULL,
      agent TEXT NOT NULL,
      results INTEGER NOT NULL,
      passed INTEGER NOT NULL,
      failed INTEGER NOT NULL,
      errors INTEGER NOT NULL,
      input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL,
      -- USD over the results that have a price; priced_results says whether any had one.
      cost_usd REAL NOT NULL,
      priced_results INTEGER NOT NULL,
      priced_passes INTEGER NOT NULL,
      latency_ms REAL NOT NULL,
      PRIMARY KEY (run_id, model, agent)
    ) WITHOUT ROWID;

    INSERT INTO run_group_totals (run_id, model, agent, ${totalColumns.join(', ')})
      SELECT run_id, model, agent, COUNT(*), SUM(status = 'pass'), SUM(status = 'fail'), SUM(status = 'error'),
        SUM(input_tokens), SUM(output_tokens), TOTAL(cost_usd), COUNT(cost_usd), SUM(cost_usd IS NOT NULL AND status = 'pass'), TOTAL(latency_ms)
      FROM case_results GROUP BY run_id, model, agent;

    CREATE TRIGGER case_results_totals_insert AFTER INSERT ON case_results BEGIN
      ${addNew}
    END;
    CREATE TRIGGER case_results_totals_update AFTER UPDATE ON case_results BEGIN
      ${subtractOld}
      ${addNew}
    END;
    CREATE TRIGGER case_results_totals_delete AFTER DELETE ON case_results BEGIN
      ${subtractOld}
    END;

    -- Trends and costs filter runs by dataset and period.
    CREATE INDEX runs_dataset_path_started_at ON runs (dataset_path, started_at);
  `,
};
