// Benchmark of the job queue's overhead per job on both backends.
export { queueOverhead } from './queue-overhead.js';
