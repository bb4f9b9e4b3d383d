// Public surface of the agents folder: the five reference agents, running them, their results and
// progress events, the tools, the guards and the messaging layer the multi-agent patterns use.
export * from './tools/index.js';
export * from './guards/index.js';
export * from './messaging/index.js';
export * from './memory/index.js';
export { agentPatterns, agentNames, blackboardKeys, isAgentName, planSchema, reviewSchema, supervisorDecisionSchema, workerNames, workerTools } from './patterns/index.js';
export type { AgentName, AgentPattern, BlackboardReview } from './patterns/index.js';
export { runAgent, streamAgent } from './core/run-agent.js';
export type { AgentFunction } from './core/run-agent.js';
export { AgentRun } from './core/agent-run.js';
export type { AgentLimits, AgentModel, AgentOptions } from './core/agent-options.js';
export type { AgentError, AgentResult, AgentStatus, ModelCallStep, TokenUsage, ToolCallStep, TrajectoryStep } from './core/agent-result.js';
export type { ProgressEvent, ProgressEventType, ProgressSink } from './core/progress-event.js';
export { RunStop } from './core/run-stop.js';
export { RunJournal, readJournal } from './core/run-journal.js';
export type { ModelFailureEntry, ModelReplyEntry, RunJournalEntry, ToolResultEntry } from './core/run-journal.js';
export { approvalContext } from './core/approval-gate.js';
export { policyDecider, policyGate, policyRuleFor } from './core/approval-policy.js';
export type { ApprovalPolicy, ApprovalPolicyDecision, ApprovalPolicyRule } from './core/approval-policy.js';
export type { PendingApproval, RunApprovalGate, RunApprovalRequest } from './core/approval-gate.js';
export { chatResultAttributes } from './core/run-tracing.js';
export type { RunStopCode } from './core/run-stop.js';
export { RepeatedCallGuard } from './guards/repeated-call-guard.js';
export * as agentDefaults from './constants.js';
export * from './review/index.js';
export * from './confidence/index.js';
