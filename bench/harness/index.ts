// Public surface of the benchmark harness: what benchmark modules use to measure and report.
export { alternate } from './alternate.js';
export type { AlternateOptions, AlternatedSamples } from './alternate.js';
export type { Benchmark, BenchmarkContext, BenchmarkOutcome } from './benchmark.js';
export { localDate, reportJson } from './bench-report.js';
export type { BenchReport } from './bench-report.js';
export { isMet } from './figure.js';
export type { Comparison, Figure, Target } from './figure.js';
export { formatNumber } from './format-figure.js';
export { describeMachine, machineSummary } from './machine.js';
export type { Machine } from './machine.js';
export { resultsMarkdown } from './results-markdown.js';
export { countResults, resultRows, summaryLine } from './results-rows.js';
export type { ResultCounts, ResultRow } from './results-rows.js';
export { mean, median, percentile } from './statistics.js';
export { textTable } from './text-table.js';
