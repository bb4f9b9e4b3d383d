// The agentlab-vs-promptfoo benchmark, and the eval sides the other peer benchmarks share with it.
export { versusPromptfoo } from './versus-promptfoo.js';
export { runAgentlabEval } from './agentlab-eval.js';
export type { AgentlabEvalOptions } from './agentlab-eval.js';
export { requireEveryCasePassed, requireExitZero } from './eval-sample.js';
export type { EvalSample, ReportedAnswer } from './eval-sample.js';
