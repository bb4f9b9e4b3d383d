// What every output renders: a run, its results, their summary, the comparison with a baseline
// and the gates that decide the exit code.
import type { ErrorGroup, PairedComparison, GroupSummary, ResultSummary } from '../statistics/index.js';
import type { CaseResultRecord, RunRecord } from '../../store/index.js';

export interface GateResult {
  /** `min-success`, `no-regression`, `max-errors`, `scored-results`. */
  gate: string;
  passed: boolean;
  /** What was measured against what, for a person. */
  detail: string;
}

export interface BaselineComparison {
  baselineRunId: string;
  result: PairedComparison;
}

/** What the summary table shows: figures only, so it can be made for a run of any size. */
export interface RunSummaryReport {
  run: RunRecord;
  groups: GroupSummary[];
  overall: ResultSummary;
  /** The run's errors grouped by code and message, most frequent first; empty when there are none. */
  errorGroups: ErrorGroup[];
  comparison?: BaselineComparison;
  gates: GateResult[];
}

/** The summary with every result, for the outputs that list them (JUnit, Markdown, JSON). */
export interface RunReport extends RunSummaryReport {
  results: CaseResultRecord[];
}
