// Public surface of the agents folder.
export * from './tools/index.js';
export * from './guards/index.js';
