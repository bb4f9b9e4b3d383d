// The ReAct agent: one loop of reasoning and tool calls until the model answers.
import type { AgentRun } from '../core/agent-run.js';
import { runReactLoop } from '../core/react-loop.js';
import { RunStop } from '../core/run-stop.js';
import { reactPrompt } from '../prompts.js';

export async function reactAgent(goal: string, run: AgentRun): Promise<string> {
  const outcome = await runReactLoop(run, {
    agent: 'react',
    task: goal,
    systemPrompt: reactPrompt,
    tools: run.options.tools.definitions(),
    maxSteps: run.limits.maxSteps,
  });
  if (outcome.status === 'max_steps') {
    throw new RunStop('max_steps', 'max_steps', `no answer within ${run.limits.maxSteps} model calls`);
  }
  return outcome.output;
}
