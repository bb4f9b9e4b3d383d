// Public surface of the model-proxy benchmark.
export { modelProxy } from './model-proxy.js';
