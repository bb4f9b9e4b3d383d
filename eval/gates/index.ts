// Public surface of the gates: the verdicts that decide an eval's exit code.
export { decideGates } from './decide-gates.js';
export type { GateInputs, GateSettings } from './decide-gates.js';
export { DEFAULT_MAX_ERRORS } from './constants.js';
export { maxErrorsGate } from './max-errors-gate.js';
export { minSuccessGate } from './min-success-gate.js';
export { regressionGate } from './regression-gate.js';
export { scoredResultsGate } from './scored-results-gate.js';
