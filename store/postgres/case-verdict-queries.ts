// Verdicts beside a trace and a case's runs on PostgreSQL: the result a trace belongs to, the unpassed
// results of a case in some runs, and the newest recorded definition of a case (store/case-verdict-queries.ts).
import type { CaseResultRow } from '../case-result-table.js';
import type { CaseVerdict, NewestCaseDefinition, TraceCaseReference } from '../case-verdict-queries.js';
import type { CaseDefinition, CaseResultRecord, CaseStatus, CheckResult } from '../records.js';
import { caseResultFromRow, selectedColumns } from './case-result-table.js';
import { rows } from './queryable.js';
import type { Queryable } from './queryable.js';

export class PostgresCaseVerdictQueries {
  constructor(private readonly database: Queryable) {}

  /** The run's row of the case with this trace id; failing that, the one row of that epoch (and agent) that recorded no trace. */
  async resultOfTrace(reference: TraceCaseReference): Promise<CaseResultRecord | undefined> {
    const [byTrace] = await rows<CaseResultRow>(
      this.database,
      `SELECT ${selectedColumns} FROM case_results WHERE run_id = $1 AND case_id = $2 AND trace_id = $3 LIMIT 1`,
      [reference.runId, reference.caseId, reference.traceId],
    );
    if (byTrace) return caseResultFromRow(byTrace);
    if (reference.epoch === undefined) return undefined;
    const untraced = await rows<CaseResultRow>(
      this.database,
      `SELECT ${selectedColumns} FROM case_results WHERE run_id = $1 AND case_id = $2 AND epoch = $3 AND trace_id IS NULL AND ($4::text IS NULL OR agent = $4) LIMIT 2`,
      [reference.runId, reference.caseId, reference.epoch, reference.agent ?? null],
    );
    return untraced.length === 1 ? caseResultFromRow(untraced[0]!) : undefined;
  }

  /** The case's results in these runs that did not pass, by run, agent, model and epoch. */
  async unpassedVerdicts(caseId: string, runIds: readonly string[]): Promise<CaseVerdict[]> {
    if (runIds.length === 0) return [];
    const found = await rows<{ run_id: string; agent: string; model: string; epoch: number; status: CaseStatus; checks: string; error: string | null; trace_id: string | null }>(
      this.database,
      `SELECT run_id, agent, model, epoch, status, checks, error, trace_id FROM case_results
       WHERE run_id = ANY($1::text[]) AND case_id = $2 AND status <> 'pass'
       ORDER BY run_id, agent, model, epoch`,
      [[...new Set(runIds)], caseId],
    );
    return found.map((row) => ({
      runId: row.run_id,
      agent: row.agent,
      model: row.model,
      epoch: row.epoch,
      status: row.status,
      checks: JSON.parse(row.checks) as CheckResult[],
      ...(row.error === null ? {} : { error: JSON.parse(row.error) as { code: string; message: string } }),
      ...(row.trace_id === null ? {} : { traceId: row.trace_id }),
    }));
  }

  /** Runs newest first, each checked for a result of the case and its dataset's definition of it. */
  async newestDefinition(caseId: string): Promise<NewestCaseDefinition | undefined> {
    const [row] = await rows<{ run_id: string; definition: string }>(
      this.database,
      `SELECT runs.id AS run_id, dataset_cases.definition AS definition FROM runs
       JOIN dataset_cases ON dataset_cases.dataset_hash = runs.dataset_hash AND dataset_cases.case_id = $1
       WHERE EXISTS (SELECT 1 FROM case_results WHERE case_results.run_id = runs.id AND case_results.case_id = $1)
       ORDER BY runs.started_at DESC LIMIT 1`,
      [caseId],
    );
    return row === undefined ? undefined : { runId: row.run_id, definition: JSON.parse(row.definition) as CaseDefinition };
  }
}
