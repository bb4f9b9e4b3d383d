// Benchmarks of the tracing layer.
export { tracingOverhead } from './tracing-overhead.js';
