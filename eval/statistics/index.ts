// Public surface of the statistics: success-rate intervals, pass@k and pass^k, paired comparison,
// flaky cases, percentiles, and the run summary that the outputs print.
export { CALIBRATION_BINS, SIGNIFICANCE_LEVEL, Z_95 } from './constants.js';
export { wilsonInterval } from './wilson-interval.js';
export type { WilsonInterval } from './wilson-interval.js';
export { passAtK, passAtKOverTasks } from './pass-at-k.js';
export { passHatK, passHatKOverTasks } from './pass-hat-k.js';
export type { TaskAttempts } from './task-attempts.js';
export { exactMcNemar } from './exact-mcnemar.js';
export type { ComparisonVerdict, McNemarResult, PairedOutcome } from './exact-mcnemar.js';
export { compareModels, compareRuns } from './paired-comparison.js';
export type { FlippedCase, PairedComparison } from './paired-comparison.js';
export { unpairedReason } from './unpaired-reason.js';
export { groupErrors } from './error-groups.js';
export type { ErrorGroup } from './error-groups.js';
export { flakyCases } from './flaky-cases.js';
export type { FlakyCase } from './flaky-cases.js';
export type { CaseTally } from './case-tally.js';
export { percentile } from './percentile.js';
export type { ResultSummary } from './result-summary.js';
export { defaultK, summarizeResults } from './summarize-results.js';
export type { GroupSummary, ResultsSummary, SummaryOptions } from './summarize-results.js';
export { binIndex, calibrate } from './calibration.js';
export type { CalibrationGroup, CalibrationInput, CalibrationOptions, EscalationSide, ReliabilityBin } from './calibration.js';
