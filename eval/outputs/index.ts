// Public surface of the outputs: the run report and what CI and people read of it — the terminal
// table, JUnit XML, Markdown and JSON.
export type { BaselineComparison, CassetteReport, GateResult, RateLimitedModel, RateLimitReport, RunReport, RunSummaryReport } from './run-report.js';
export { formatSummaryTable } from './summary-table.js';
export { formatPercent, formatPValue } from './format-figures.js';
export type { SummaryTableOptions } from './summary-table.js';
export { toJUnitXml } from './junit-xml.js';
export { toMarkdown } from './markdown-report.js';
export { JSON_REPORT_SCHEMA_VERSION, toJsonReport } from './json-report.js';
export type { AsJson, JsonCaseResult, JsonReport } from './json-report.js';
export { calibrationGuide, calibrationRows, formatScore, runCalibration } from './calibration-section.js';
