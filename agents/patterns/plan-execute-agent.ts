// Plan-and-execute: a plan as structured output, each step run as a scoped ReAct with the latest
// results as context, a re-plan when a step fails (bounded), then a synthesis of the results.
import { z } from 'zod';
import { maxReplans, planStepMaxSteps } from '../constants.js';
import type { AgentRun } from '../core/agent-run.js';
import { runReactLoop, type ReactLoopOutcome } from '../core/react-loop.js';
import { executorPrompt, plannerPrompt, synthesizerPrompt } from '../prompts.js';
import { handover } from './handover.js';
import { callStructured } from './structured-call.js';

export const planSchema = z.object({
  steps: z.array(z.object({ id: z.number().int(), task: z.string().min(1) })).min(1).max(8),
});

interface StepRecord {
  task: string;
  outcome: ReactLoopOutcome;
}

/** A step failed when it ran out of steps, or when every tool call it made failed. */
function stepFailed(outcome: ReactLoopOutcome): boolean {
  return outcome.status !== 'completed' || (outcome.toolCalls > 0 && outcome.failedToolCalls === outcome.toolCalls);
}

async function makePlan(run: AgentRun, goal: string, done: StepRecord[], failed?: StepRecord): Promise<string[]> {
  const contexts = done.map((record, index) => handover(`Completed step ${index + 1} (${record.task})`, record.outcome.output));
  if (failed) contexts.push(handover(`Failed step (${failed.task})`, failed.outcome.output || failed.outcome.status));
  const plan = await run.invokeAgent('planner', goal, async () => ({
    status: 'completed' as const,
    plan: await callStructured(run, 'planner', 'plan', planSchema, [
      { role: 'system', content: plannerPrompt },
      { role: 'user', content: goal },
      ...contexts.map((context) => ({ role: 'user' as const, content: `Context: ${context}` })),
    ]),
  }));
  return plan.plan.steps.map((step) => step.task);
}

export async function planExecuteAgent(goal: string, run: AgentRun): Promise<string> {
  const done: StepRecord[] = [];
  let queue = await makePlan(run, goal, done);
  while (queue.length > 0) {
    const task = queue.shift()!;
    const contexts = done.slice(-2).map((record) => handover(`Result of step (${record.task})`, record.outcome.output));
    const outcome = await run.invokeAgent('executor', task, () =>
      runReactLoop(run, { agent: 'executor', task, systemPrompt: executorPrompt, contexts, tools: run.options.tools.definitions(), maxSteps: planStepMaxSteps }),
    );
    const record = { task, outcome };
    if (!stepFailed(outcome)) {
      done.push(record);
      continue;
    }
    if ((run.counters.replans ?? 0) >= maxReplans) {
      // Out of re-plans: keep what the step produced and carry on with the plan as it stands.
      done.push(record);
      continue;
    }
    run.count('replans');
    run.emit({ type: 'guard', agent: 'planner', guard: 'replan', detail: `step "${task}" failed` });
    const completed = new Set(done.map((step) => step.task.toLowerCase()));
    queue = (await makePlan(run, goal, done, record)).filter((step) => !completed.has(step.toLowerCase()));
  }
  const synthesis = await run.invokeAgent('synthesizer', goal, async () => {
    const completion = await run.callModel('synthesizer', {
      messages: [
        { role: 'system', content: synthesizerPrompt },
        { role: 'user', content: goal },
        ...done.map((record, index) => ({ role: 'user' as const, content: `Context: ${handover(`Step ${index + 1} (${record.task})`, record.outcome.output)}` })),
      ],
      temperature: run.generationTemperature,
    });
    return { status: 'completed' as const, output: completion.choices[0]?.message.content ?? '' };
  });
  return synthesis.output;
}
