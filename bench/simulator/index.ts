// Public surface of the simulator benchmarks.
export { simulatorOverhead } from './simulator-overhead.js';
export { simulatorStreamingOverhead } from './simulator-streaming-overhead.js';
export { simulatorConcurrency } from './simulator-concurrency.js';
