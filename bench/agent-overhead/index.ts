// Public surface of the agent-overhead benchmark.
export { agentOverhead } from './agent-overhead.js';
