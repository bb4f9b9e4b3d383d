// Public surface of targets/trajectory: one trajectory assembled from the model proxy's record, an
// agent's spans and the steps it records or returns.
export { matchToolSteps, mergeToolStep, mergeToolSteps } from './merge-tool-steps.js';
export { spanToolSteps } from './span-tool-steps.js';
export type { SpanToolStepsOptions } from './span-tool-steps.js';
export { canonicalArguments } from './canonical-arguments.js';
export { noResultErrorCode, noResultText, toolErrorCode } from './constants.js';
