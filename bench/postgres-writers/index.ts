// Public surface of the postgres-writers benchmark.
export { postgresWriters } from './postgres-writers.js';
