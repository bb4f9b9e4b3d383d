// Public surface of targets/: how the eval reaches an agent (built-in, module, command, HTTP), the
// recording model proxy they share, and the public `defineAgent` for users' modules.
export type { AgentTarget, TargetCase, TargetEnvironment, TargetRunContext } from './agent-target.js';
export type { TargetKind, TargetSpec } from './target-kind.js';
export { targetKinds } from './target-kinds.js';
export { TargetSet, declaredTools, defaultAgentReferences, describeAcceptedAgents, isKnownAgentReference, openTargets } from './open-targets.js';
export type { OpenTargetsOptions } from './open-targets.js';
export { TargetError, TargetRunError } from './errors.js';
export type { TargetErrorCode } from './errors.js';
export { defineAgent } from './module/define-agent.js';
export type { AgentContext, AgentHandler, AgentModelInfo, AgentReturn } from './module/define-agent.js';
export type { ModelProxy, ModelProxyOptions, ProxyRecording, ProxySession, ProxySessionOptions } from './proxy/model-proxy-types.js';
export { MODULE_PREFIX, COMMAND_PREFIX, HTTP_PREFIX } from './constants.js';
