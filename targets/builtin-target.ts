// The built-in patterns (react, plan-execute, supervisor, pipeline, blackboard) as targets: they call the model
// directly with the cell's client and record their own trajectory, as they always have. Their approval
// gates are answered by the case's approval policy (decided_by `policy`; no matching rule rejects).
import { agentPatterns, withLessonsEvent, type EvalLessons, createBuiltInTools, createDefaultRegistry, isAgentName, policyGate, resolveWorkingMemory, runAgent, type AgentName, type EvalMemory } from '../agents/index.js';
import type { AgentlabConfig } from '../models/index.js';
import { AgentlabAttribute } from '../tracing/index.js';
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

/**
 * `config` gives the agent's working-memory settings (config `workingMemory`, with the eval's flags laid over it);
 * `memory`, when the eval turns long-term memory or episodes on, each cell's memory tools and episode;
 * `lessons`, when the eval looks for them, the lessons from similar past tasks each cell's system prompt gets.
 */
export function builtinTarget(name: AgentName, config?: AgentlabConfig, memory?: EvalMemory, lessons?: EvalLessons): AgentTarget {
  const workingMemory = resolveWorkingMemory(config?.workingMemory, name);
  return {
    name,
    kind: 'builtin',
    tools: memory ? [...builtInToolNames(), ...memory.toolNames] : builtInToolNames(),
    run: async (context: TargetRunContext) => {
      const cell = memory?.forCell({
        runId: String(context.traceAttributes[AgentlabAttribute.runId] ?? ''),
        caseId: context.case.caseId,
        epoch: context.case.epoch,
        agent: name,
        model: context.model.reference,
      });
      const recalled = await lessons?.forCell(context.case.goal, `${context.case.caseId} (${name}, ${context.model.reference}, epoch ${context.case.epoch})`, context.signal);
      const agent = recalled ? withLessonsEvent(agentPatterns[name], recalled, { namespace: lessons!.namespace, captureContent: context.captureContent }) : agentPatterns[name];
      const result = await runAgent(name, agent, context.case.goal, {
        model: context.model,
        tools: createDefaultRegistry({ sandbox: context.sandbox, ...(cell?.tools ? { memory: cell.tools } : {}) }),
        ...(context.case.allow ? { allowed: context.case.allow } : {}),
        // Gated calls are answered by the case's approval policy, unattended and the same every time.
        approvalGate: policyGate(context.case.approvals),
        ...(config?.approvals?.tools ? { toolApprovals: config.approvals.tools } : {}),
        signal: context.signal,
        seed: context.case.seed,
        ...(context.tracer ? { tracer: context.tracer } : {}),
        captureContent: context.captureContent,
        traceAttributes: context.traceAttributes,
        workingMemory,
        ...(recalled && recalled.length > 0 ? { lessons: recalled.map((lesson) => lesson.text) } : {}),
      });
      await cell?.recordEpisode(context.case.goal, result);
      return result;
    },
  };
}
