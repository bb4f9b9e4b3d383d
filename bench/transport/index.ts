export { transportComparison } from './transport-comparison.js';
