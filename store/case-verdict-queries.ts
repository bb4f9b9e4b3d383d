// Verdicts the trace and case pages show beside what they are about: the result a trace belongs to,
// the unpassed results of a case in the runs a case page lists (checks and error only, no output),
// and the newest recorded definition of a case. Every read seeks an index: case_results by its
// unique (run_id, case_id, agent, model, epoch) key, runs by started_at, dataset_cases by its key.
import type { Database } from 'better-sqlite3';
import { fromRow, selectedColumns } from './case-result-table.js';
import type { CaseResultRow } from './case-result-table.js';
import type { CaseDefinition, CaseResultRecord, CaseStatus, CheckResult } from './records.js';
import { StatementCache } from './statement-cache.js';

/** Where a trace says it belongs: its spans' agentlab.run.id, agentlab.case.id, agentlab.epoch and agent. */
export interface TraceCaseReference {
  runId: string;
  caseId: string;
  traceId: string;
  epoch?: number;
  agent?: string;
}

/** A result's verdict without its output: what a case page row needs to say why a case failed. */
export interface CaseVerdict {
  runId: string;
  agent: string;
  model: string;
  epoch: number;
  status: CaseStatus;
  checks: CheckResult[];
  error?: { code: string; message: string };
  traceId?: string;
}

export interface NewestCaseDefinition {
  /** The newest run holding a result of the case whose dataset had the definition recorded. */
  runId: string;
  definition: CaseDefinition;
}

interface VerdictRow {
  run_id: string;
  agent: string;
  model: string;
  epoch: number;
  status: CaseStatus;
  checks: string;
  error: string | null;
  trace_id: string | null;
}

/** SQLite's limit on bound parameters is far above this; it only keeps one statement text per size. */
const runIdsPerStatement = 200;

export class CaseVerdictQueries {
  private readonly statements: StatementCache;

  constructor(database: Database) {
    this.statements = new StatementCache(database);
  }

  /**
   * The result whose trace this is: the run's rows of the case (an index seek on run_id, case_id)
   * with this trace id; failing that, the one row of that epoch (and agent) that recorded no trace.
   */
  resultOfTrace(reference: TraceCaseReference): CaseResultRecord | undefined {
    const byTrace = this.statements
      .get(`SELECT ${selectedColumns} FROM case_results WHERE run_id = ? AND case_id = ? AND trace_id = ? LIMIT 1`)
      .get(reference.runId, reference.caseId, reference.traceId) as CaseResultRow | undefined;
    if (byTrace) return fromRow(byTrace);
    if (reference.epoch === undefined) return undefined;
    const untraced = this.statements
      .get(`SELECT ${selectedColumns} FROM case_results WHERE run_id = ? AND case_id = ? AND epoch = ? AND trace_id IS NULL AND (? IS NULL OR agent = ?) LIMIT 2`)
      .all(reference.runId, reference.caseId, reference.epoch, reference.agent ?? null, reference.agent ?? null) as CaseResultRow[];
    return untraced.length === 1 ? fromRow(untraced[0]!) : undefined;
  }

  /** The case's results in these runs that did not pass, by run, agent, model and epoch. */
  unpassedVerdicts(caseId: string, runIds: readonly string[]): CaseVerdict[] {
    const verdicts: CaseVerdict[] = [];
    const unique = [...new Set(runIds)];
    for (let start = 0; start < unique.length; start += runIdsPerStatement) {
      const slice = unique.slice(start, start + runIdsPerStatement);
      const sql = `SELECT run_id, agent, model, epoch, status, checks, error, trace_id FROM case_results
        WHERE run_id IN (${slice.map(() => '?').join(', ')}) AND case_id = ? AND status <> 'pass'
        ORDER BY run_id, agent, model, epoch`;
      for (const row of this.statements.get(sql).all(...slice, caseId) as VerdictRow[]) {
        verdicts.push({
          runId: row.run_id,
          agent: row.agent,
          model: row.model,
          epoch: row.epoch,
          status: row.status,
          checks: JSON.parse(row.checks) as CheckResult[],
          ...(row.error === null ? {} : { error: JSON.parse(row.error) as { code: string; message: string } }),
          ...(row.trace_id === null ? {} : { traceId: row.trace_id }),
        });
      }
    }
    return verdicts;
  }

  /**
   * Runs newest first (the started_at index), each checked for a result of the case (the unique
   * key's run_id, case_id prefix) and its dataset's definition of it (dataset_cases' key).
   */
  newestDefinition(caseId: string): NewestCaseDefinition | undefined {
    const row = this.statements
      .get(`SELECT runs.id AS run_id, dataset_cases.definition AS definition FROM runs
        JOIN dataset_cases ON dataset_cases.dataset_hash = runs.dataset_hash AND dataset_cases.case_id = @caseId
        WHERE EXISTS (SELECT 1 FROM case_results WHERE case_results.run_id = runs.id AND case_results.case_id = @caseId)
        ORDER BY runs.started_at DESC LIMIT 1`)
      .get({ caseId }) as { run_id: string; definition: string } | undefined;
    return row === undefined ? undefined : { runId: row.run_id, definition: JSON.parse(row.definition) as CaseDefinition };
  }
}
