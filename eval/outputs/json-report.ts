// The full report as JSON for other tools: stable key and result order, output capped, and figures
// with no value (NaN) as null, so it survives JSON.stringify and JSON.parse unchanged.
import { flakyCases, type CalibrationGroup, type ErrorGroup, type FlakyCase, type GroupSummary, type ResultSummary } from '../statistics/index.js';
import type { CaseResultRecord, RunRecord } from '../../store/index.js';
import { runCalibration } from './calibration-section.js';
import { OUTPUT_MAX_LENGTH } from './constants.js';
import { sortResults } from './result-order.js';
import type { BaselineComparison, CassetteReport, GateResult, RateLimitReport, RunReport } from './run-report.js';
import { truncateText } from './truncate-text.js';

/** `Value` as JSON carries it: a number may be null (it was NaN or infinite). */
export type AsJson<Value> = Value extends number
  ? number | null
  : Value extends string | boolean | null | undefined
    ? Value
    : Value extends ReadonlyArray<infer Item>
      ? AsJson<Item>[]
      : { [Key in keyof Value]: AsJson<Value[Key]> };

export interface JsonCaseResult extends CaseResultRecord {
  /** True when `output` was cut to its first characters. */
  outputTruncated: boolean;
}

export const JSON_REPORT_SCHEMA_VERSION = 1;

export interface JsonReport {
  schemaVersion: number;
  run: AsJson<RunRecord>;
  overall: AsJson<ResultSummary>;
  groups: AsJson<GroupSummary>[];
  /** The errors grouped by code and message, most frequent first. */
  errorGroups: ErrorGroup[];
  comparison: AsJson<BaselineComparison> | null;
  gates: GateResult[];
  flaky: AsJson<FlakyCase>[];
  /**
   * Calibration of the confidence ratings per model × agent (reliability bins, Brier score, ECE, pass
   * rates of escalated and kept answers); empty when the eval rated no answers.
   */
  calibration: AsJson<CalibrationGroup>[];
  /** With --record or --replay: what was recorded or replayed, and what it cost. */
  cassettes?: CassetteReport;
  /** With rate limits on a model: calls sent, waits and 429s per limited model. */
  rateLimits?: RateLimitReport;
  results: AsJson<JsonCaseResult>[];
}

export function toJsonReport(report: RunReport): JsonReport {
  const document = {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    run: report.run,
    overall: report.overall,
    groups: report.groups,
    errorGroups: report.errorGroups,
    comparison: report.comparison ?? null,
    gates: report.gates,
    flaky: flakyCases(report.results),
    calibration: runCalibration(report.run, report.results),
    ...(report.cassettes ? { cassettes: report.cassettes } : {}),
    ...(report.rateLimits ? { rateLimits: report.rateLimits } : {}),
    results: sortResults(report.results).map((result) => ({
      ...result,
      output: truncateText(result.output, OUTPUT_MAX_LENGTH),
      outputTruncated: result.output.length > OUTPUT_MAX_LENGTH,
    })),
  };
  // JSON.stringify turns NaN into null and drops undefined; going through it once makes the object
  // exactly what a reader of the file will get.
  return JSON.parse(JSON.stringify(document)) as JsonReport;
}
