// Benchmarks of the report server: its pages over a year of runs, its traces list over a year of
// traces from six services, and its OTLP receiver's ingest rate.
export { reportPages } from './report-pages.js';
export { reportPagesPostgres } from './report-pages-postgres.js';
export { tracesPage } from './traces-page.js';
export { otlpIngest } from './otlp-ingest.js';
export { yearStore, yearStorePath } from './build-year-store.js';
export type { YearStore, YearStoreInfo } from './build-year-store.js';
export { tracesStore, tracesStorePath } from './build-traces-store.js';
export type { TracesStore, TracesStoreInfo } from './build-traces-store.js';
