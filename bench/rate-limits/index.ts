// Public surface of bench/rate-limits: the benchmark of an eval against a rate-limited endpoint.
export { rateLimitedEval } from './rate-limited-eval.js';
