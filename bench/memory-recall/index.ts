// Benchmark of long-term memory recall.
export { memoryRecall } from './memory-recall.js';
