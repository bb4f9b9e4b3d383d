// agentlab's public API, as `import { defineAgent, evaluate } from 'agentlab'`: what a user needs to
// write an agent module and to run an eval from a script or a test. Everything else is internal.
export { defineAgent } from './targets/index.js';
export type { AgentContext, AgentHandler, AgentModelInfo, AgentReturn } from './targets/index.js';
export { evaluate } from './eval/index.js';
export type { EvaluateOptions, EvaluateResult, GateResult, RunReport, RunSummaryReport } from './eval/index.js';
export type { CaseResultRecord, CaseStatus, CheckResult, RunRecord } from './store/index.js';
export type { TokenUsage, ToolCallStep, TrajectoryStep, ModelCallStep } from './agents/index.js';
export { AgentlabError } from './models/index.js';
