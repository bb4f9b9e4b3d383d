// Public surface of reports/: the Fastify app the CLI serves, the hub it publishes eval progress to,
// the shapes of the pages' JSON twins, and the errors a user can see.
export { buildApp } from './app.js';
export type { ReportAppOptions } from './app.js';
export { LiveRunHub } from './live-run-hub.js';
export type { LiveRunListener, LiveRunState } from './live-run-hub.js';
export type { LiveRunMessage, RunSnapshotMessage } from './live-run-messages.js';
export { isLoopbackHost } from './loopback-host.js';
export { ReportError } from './errors.js';
export type { ReportErrorCode } from './errors.js';
export type { ErrorBody } from './error-pages.js';
export type { ResultRow } from './result-row.js';
export type { TotalsFigures } from './totals-figures.js';
export type { RunListEntry, RunsPageData } from './pages/runs-page.js';
export type { ResultStatusFilter, RunPageData } from './pages/run-page.js';
export type { TrendPoint, TrendSeries, TrendsPageData } from './pages/trends-page.js';
export type { CompareChoice, ComparePageData, CompareSide, FlippedRow } from './pages/compare-page.js';
export type { CaseGroupHistory, CaseHistoryPageData } from './pages/case-history-page.js';
export type { TracePageData, WaterfallSpan } from './pages/trace-page.js';
export type { TracesPageData, TracesPageFilter } from './pages/traces-page.js';
export type { CostsPageData } from './pages/costs-page.js';
export { defaultBodyLimitBytes, defaultReportHost } from './constants.js';
