// The agentlab-vs-evalite benchmark.
export { versusEvalite } from './versus-evalite.js';
