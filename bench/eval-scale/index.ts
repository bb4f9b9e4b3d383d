// Public surface of the eval-scale benchmark.
export { evalScale } from './eval-scale.js';
