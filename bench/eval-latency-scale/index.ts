// Public surface of the eval-latency-scale benchmark.
export { evalLatencyScale } from './eval-latency-scale.js';
