// Public surface of the eval: datasets, scorers, the matrix runner, statistics and outputs.
export * from './golden-case.js';
export { EvalError } from './errors.js';
export type { EvalErrorCode } from './errors.js';
export * from './dataset/index.js';
export * from './scorers/index.js';
export * from './runner/index.js';
export * from './statistics/index.js';
export * from './gates/index.js';
export * from './outputs/index.js';
export * from './evaluate/index.js';
export * from './merge/index.js';
