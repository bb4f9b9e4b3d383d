// The five reference agents by name.
import type { AgentRun } from '../core/agent-run.js';
import { blackboardAgent } from './blackboard-agent.js';
import { pipelineAgent } from './pipeline-agent.js';
import { planExecuteAgent } from './plan-execute-agent.js';
import { reactAgent } from './react-agent.js';
import { supervisorAgent } from './supervisor-agent.js';

/** An agent pattern: the goal in, the answer out; everything else goes through the run. */
export type AgentPattern = (goal: string, run: AgentRun) => Promise<string>;

export const agentPatterns = {
  react: reactAgent,
  'plan-execute': planExecuteAgent,
  supervisor: supervisorAgent,
  pipeline: pipelineAgent,
  blackboard: blackboardAgent,
} satisfies Record<string, AgentPattern>;

export type AgentName = keyof typeof agentPatterns;
export const agentNames = Object.keys(agentPatterns) as AgentName[];

export function isAgentName(name: string): name is AgentName {
  return Object.hasOwn(agentPatterns, name);
}

export { planSchema } from './plan-execute-agent.js';
export { supervisorDecisionSchema, workerNames, workerTools } from './supervisor-agent.js';
export { reviewSchema } from './pipeline-agent.js';
export { blackboardKeys } from './blackboard-agent.js';
export type { BlackboardReview } from './blackboard-agent.js';
