// Benchmarks of the report server: its pages over a year of runs, and its OTLP receiver's ingest rate.
export { reportPages } from './report-pages.js';
export { otlpIngest } from './otlp-ingest.js';
export { yearStore, yearStorePath } from './build-year-store.js';
export type { YearStore, YearStoreInfo } from './build-year-store.js';
