// What every output renders: a run, its results, their summary, the comparison with a baseline
// and the gates that decide the exit code.
import type { PairedComparison, GroupSummary, ResultSummary } from '../statistics/index.js';
import type { CaseResultRecord, RunRecord } from '../../store/index.js';

export interface GateResult {
  /** `min-success`, `no-regression`, … */
  gate: string;
  passed: boolean;
  /** What was measured against what, for a person. */
  detail: string;
}

export interface BaselineComparison {
  baselineRunId: string;
  result: PairedComparison;
}

export interface RunReport {
  run: RunRecord;
  results: CaseResultRecord[];
  groups: GroupSummary[];
  overall: ResultSummary;
  comparison?: BaselineComparison;
  gates: GateResult[];
}
