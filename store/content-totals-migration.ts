// Schema version 11: daily totals of the content pipeline's runs, kept by a trigger on content_runs,
// so the content report sums a few rows per day instead of parsing the JSON of every run of a year
// (300 pieces a day: 110,000 runs, 65 MB of JSON, a second and a half to read). Runs are only ever
// added (a run recorded again is ignored by content_runs' unique key and fires no trigger), so the
// totals only ever grow. What depends on a review's decision is not here: reviews are decided later,
// and the report joins the period's in_review runs with them (the status index below keeps that small).
import type { Migration } from './migrations.js';

/** The UTC day a run finished, `YYYY-MM-DD`. */
export function finishDay(row: string): string {
  return `date(${row}.finished_at / 1000, 'unixepoch')`;
}

/**
 * A latency's bucket: round(ln(ms) / ln(1.02)), so a bucket's value 1.02^bucket is within 1% of every
 * latency in it; below 1 ms, bucket -1 (read back as 0 ms).
 */
function latencyBucket(value: string): string {
  return `CASE WHEN ${value} < 1 THEN -1 ELSE CAST(round(ln(${value}) / ln(1.02)) AS INTEGER) END`;
}

export const runColumns = ['runs', 'cost_usd', 'checked_runs', 'claims_checked', 'claims_supported'];
const workerColumns = ['runs', 'model_calls', 'tool_calls', 'input_tokens', 'output_tokens', 'cost_usd', 'unpriced_runs'];

export function dayTotalsOf(row: 'NEW' | 'content_runs'): string[] {
  const checked = `COALESCE(${row}.claims_checked, 0) > 0`;
  return ['1', `${row}.cost_usd`, checked, `CASE WHEN ${checked} THEN ${row}.claims_checked ELSE 0 END`, `CASE WHEN ${checked} THEN COALESCE(${row}.claims_supported, 0) ELSE 0 END`];
}

function workerTotalsOf(worker: string): string[] {
  const field = (name: string) => `COALESCE(json_extract(${worker}.value, '$.${name}'), 0)`;
  return ['1', field('modelCalls'), field('toolCalls'), field('inputTokens'), field('outputTokens'), field('costUsd'), `json_extract(${worker}.value, '$.costUsd') IS NULL`];
}

const addDayTotals = `INSERT INTO content_day_totals (day, status, ${runColumns.join(', ')})
    VALUES (${finishDay('NEW')}, NEW.status, ${dayTotalsOf('NEW').join(', ')})
    ON CONFLICT (day, status) DO UPDATE SET ${runColumns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')};`;

// `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the upsert, not to a join.
export const addWorkerTotals = `INSERT INTO content_day_worker_totals (day, worker, model, ${workerColumns.join(', ')})
    SELECT ${finishDay('NEW')}, worker.key, COALESCE(json_extract(worker.value, '$.model'), ''), ${workerTotalsOf('worker').join(', ')}
    FROM json_each(NEW.workers) AS worker WHERE true
    ON CONFLICT (day, worker, model) DO UPDATE SET ${workerColumns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')};`;

export const addStageLatencies = `INSERT INTO content_day_stage_latencies (day, stage, bucket, runs)
    SELECT ${finishDay('NEW')}, stage.key, ${latencyBucket('stage.value')}, 1
    FROM json_each(NEW.stage_latency_ms) AS stage WHERE stage.type IN ('integer', 'real')
    ON CONFLICT (day, stage, bucket) DO UPDATE SET runs = runs + 1;`;

export const contentTotalsMigration: Migration = {
  version: 11,
  description: 'daily totals of content runs (by status, worker and model, stage latency histogram), kept by a trigger',
  sql: `
    CREATE TABLE content_day_totals (
      day TEXT NOT NULL,
      status TEXT NOT NULL,
      runs INTEGER NOT NULL,
      cost_usd REAL NOT NULL,
      -- Runs whose fact-check checked at least one claim, and their claims.
      checked_runs INTEGER NOT NULL,
      claims_checked INTEGER NOT NULL,
      claims_supported INTEGER NOT NULL,
      PRIMARY KEY (day, status)
    ) WITHOUT ROWID;

    CREATE TABLE content_day_worker_totals (
      day TEXT NOT NULL,
      worker TEXT NOT NULL,
      model TEXT NOT NULL,
      runs INTEGER NOT NULL,
      model_calls INTEGER NOT NULL,
      tool_calls INTEGER NOT NULL,
      input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL,
      -- USD over the runs that carried the worker's cost; unpriced_runs counts the others.
      cost_usd REAL NOT NULL,
      unpriced_runs INTEGER NOT NULL,
      PRIMARY KEY (day, worker, model)
    ) WITHOUT ROWID;

    -- How many runs' stage took about 1.02^bucket ms: p50 and p95 within 1% for any period.
    CREATE TABLE content_day_stage_latencies (
      day TEXT NOT NULL,
      stage TEXT NOT NULL,
      bucket INTEGER NOT NULL,
      runs INTEGER NOT NULL,
      PRIMARY KEY (day, stage, bucket)
    ) WITHOUT ROWID;

    INSERT INTO content_day_totals (day, status, ${runColumns.join(', ')})
      SELECT ${finishDay('content_runs')} AS day, status, ${dayTotalsOf('content_runs').map((value) => `SUM(${value})`).join(', ')}
      FROM content_runs GROUP BY day, status;
    INSERT INTO content_day_worker_totals (day, worker, model, ${workerColumns.join(', ')})
      SELECT ${finishDay('content_runs')} AS day, worker.key AS name, COALESCE(json_extract(worker.value, '$.model'), '') AS model, ${workerTotalsOf('worker').map((value) => `SUM(${value})`).join(', ')}
      FROM content_runs, json_each(content_runs.workers) AS worker GROUP BY day, name, model;
    INSERT INTO content_day_stage_latencies (day, stage, bucket, runs)
      SELECT ${finishDay('content_runs')} AS day, stage.key AS name, ${latencyBucket('stage.value')} AS bucket, COUNT(*)
      FROM content_runs, json_each(content_runs.stage_latency_ms) AS stage WHERE stage.type IN ('integer', 'real') GROUP BY day, name, bucket;

    CREATE TRIGGER content_runs_totals_insert AFTER INSERT ON content_runs BEGIN
      ${addDayTotals}
      ${addWorkerTotals}
      ${addStageLatencies}
    END;

    -- The report joins the period's in_review runs with their reviews, and lists the newest runs.
    CREATE INDEX content_runs_status_finished_at ON content_runs (status, finished_at);
  `,
};
