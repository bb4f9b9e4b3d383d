// What one run holds in the PostgreSQL database once its shard processes have exited, read with plain
// SQL rather than through the store: every stored (case, agent, model, epoch) key and how many rows
// hold it, the run's status and its shards', the per-run totals the trigger kept, and its traces with
// the per-day totals their trigger kept.
// Lost and duplicated results are counted against the cells the run was planned to make.
import { withPostgresClient } from '../../store/postgres/scratch-database.js';

export interface StoredRunCount {
  status: string | undefined;
  shardsCompleted: number;
  /** Rows in case_results for the run. */
  rows: number;
  /** Distinct (case, agent, model, epoch) keys among them. */
  distinctKeys: number;
  /** Planned cells with no row. */
  lost: number;
  /** Rows beyond one per planned cell: a key stored twice, or a key the plan does not have. */
  duplicated: number;
  /** Results counted by run_group_totals (the trigger-kept sums the report pages read). */
  totalsResults: number;
  totalsPassed: number;
  /** Traces the shards' tracing wrote for the run. */
  traces: number;
  /** Traces in the whole database, and as the per-day spend totals (kept by a trigger as the 16 write) count them. */
  databaseTraces: number;
  dayTotalsTraces: number;
}

/** One cell of a run, as the keys are compared. */
export const cellKey = (caseId: string, agent: string, model: string, epoch: number): string => `${caseId}\u0000${agent}\u0000${model}\u0000${epoch}`;

/** `plannedCells` are cellKey(...) of every cell the run should hold once. */
export async function countStoredRun(databaseUrl: string, runId: string, plannedCells: ReadonlySet<string>): Promise<StoredRunCount> {
  return withPostgresClient(databaseUrl, async (client) => {
    const run = await client.query<{ status: string }>('SELECT status FROM runs WHERE id = $1', [runId]);
    const shards = await client.query<{ completed: string }>("SELECT COUNT(*) AS completed FROM run_shards WHERE run_id = $1 AND status = 'completed'", [runId]);
    const keys = await client.query<{ case_id: string; agent: string; model: string; epoch: number; copies: string }>(
      'SELECT case_id, agent, model, epoch, COUNT(*) AS copies FROM case_results WHERE run_id = $1 GROUP BY case_id, agent, model, epoch',
      [runId],
    );
    const totals = await client.query<{ results: string | null; passed: string | null }>('SELECT SUM(results) AS results, SUM(passed) AS passed FROM run_group_totals WHERE run_id = $1', [runId]);
    const traces = await client.query<{ traces: string }>('SELECT COUNT(*) AS traces FROM traces WHERE run_id = $1', [runId]);
    const allTraces = await client.query<{ traces: string; day_totals: string | null }>('SELECT (SELECT COUNT(*) FROM traces) AS traces, (SELECT SUM(traces) FROM trace_day_totals) AS day_totals');
    let rows = 0;
    let planned = 0;
    for (const key of keys.rows) {
      rows += Number(key.copies);
      if (plannedCells.has(cellKey(key.case_id, key.agent, key.model, key.epoch))) planned += 1;
    }
    return {
      status: run.rows[0]?.status,
      shardsCompleted: Number(shards.rows[0]?.completed ?? 0),
      rows,
      distinctKeys: keys.rows.length,
      lost: plannedCells.size - planned,
      duplicated: rows - planned,
      totalsResults: Number(totals.rows[0]?.results ?? 0),
      totalsPassed: Number(totals.rows[0]?.passed ?? 0),
      traces: Number(traces.rows[0]?.traces ?? 0),
      databaseTraces: Number(allTraces.rows[0]?.traces ?? 0),
      dayTotalsTraces: Number(allTraces.rows[0]?.day_totals ?? 0),
    };
  });
}
