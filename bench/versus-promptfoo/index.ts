// The agentlab-vs-promptfoo benchmark.
export { versusPromptfoo } from './versus-promptfoo.js';
