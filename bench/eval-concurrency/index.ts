// Public surface of the eval-concurrency benchmark.
export { evalConcurrency } from './eval-concurrency.js';
