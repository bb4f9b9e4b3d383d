// The built-in patterns (react, plan-execute, supervisor, pipeline, blackboard) as targets: they call the model
// directly with the cell's client and record their own trajectory, as they always have.
import { agentPatterns, createBuiltInTools, createDefaultRegistry, isAgentName, resolveWorkingMemory, runAgent, type AgentName } from '../agents/index.js';
import type { AgentlabConfig } from '../models/index.js';
import type { AgentTarget, TargetRunContext } from './agent-target.js';

export function isBuiltinTarget(reference: string): reference is AgentName {
  return isAgentName(reference);
}

let toolNames: readonly string[] | undefined;

/** Every built-in agent runs with the default registry, so these are the tools each of them has. */
export function builtInToolNames(): readonly string[] {
  toolNames ??= createBuiltInTools().map((tool) => tool.name);
  return toolNames;
}

/** `config` gives the agent's working-memory settings (config `workingMemory`, with the eval's flags laid over it). */
export function builtinTarget(name: AgentName, config?: AgentlabConfig): AgentTarget {
  const workingMemory = resolveWorkingMemory(config?.workingMemory, name);
  return {
    name,
    kind: 'builtin',
    tools: builtInToolNames(),
    run: (context: TargetRunContext) =>
      runAgent(name, agentPatterns[name], context.case.goal, {
        model: context.model,
        tools: createDefaultRegistry({ sandbox: context.sandbox }),
        ...(context.case.allow ? { allowed: context.case.allow } : {}),
        signal: context.signal,
        seed: context.case.seed,
        ...(context.tracer ? { tracer: context.tracer } : {}),
        captureContent: context.captureContent,
        traceAttributes: context.traceAttributes,
        workingMemory,
      }),
  };
}
