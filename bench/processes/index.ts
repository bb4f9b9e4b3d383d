// Public surface of bench/processes: the agentlab command, the simulator as its own process, a fresh
// PostgreSQL database or one kept between runs, and measuring a process's wall time and peak RSS.
export { agentlabBinary, agentlabCommand } from './agentlab-command.js';
export { runMeasuredProcess } from './measured-process.js';
export type { MeasuredProcessOptions, ProcessMeasurement } from './measured-process.js';
export { freshPostgresDatabase, keptPostgresCluster } from './postgres-database.js';
export type { BenchDatabase, KeptPostgresCluster } from './postgres-database.js';
export { startSimProcess } from './sim-process.js';
export type { SimProcess, SimProcessOptions } from './sim-process.js';
