// Public surface of tracing/stacks/: run a real instrumented stack (Vercel AI SDK, OpenInference,
// Traceloop 0.27 and 0.22) against the simulator and read the spans agentlab's receiver stored.
export { runStack } from './run-stack.js';
export type { StackRun, StackRunOptions } from './run-stack.js';
export { stackNames } from './constants.js';
export type { StackName } from './constants.js';
