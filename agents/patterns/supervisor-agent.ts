// Supervisor: a routing model decides, as structured output, which worker acts next (researcher,
// writer, reviewer) and with what task, or finishes with the output. Rounds are bounded.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { supervisorMaxRounds } from '../constants.js';
import type { AgentRun } from '../core/agent-run.js';
import { runReactLoop } from '../core/react-loop.js';
import { RunStop } from '../core/run-stop.js';
import { supervisorPrompt, workerPrompts } from '../prompts.js';
import { handover } from './handover.js';
import { callStructured } from './structured-call.js';

export const workerNames = ['researcher', 'writer', 'reviewer'] as const;
export type WorkerName = (typeof workerNames)[number];

export const supervisorDecisionSchema = z.object({
  action: z.enum(['delegate', 'finish']),
  worker: z.enum(workerNames).nullable(),
  task: z.string(),
  output: z.string().nullable(),
});

/** Which built-in tools each worker may use; tools a registry lacks are simply not offered. */
export const workerTools: Record<WorkerName, string[]> = {
  researcher: ['search_web', 'read_file', 'list_files', 'calculator'],
  writer: ['write_file', 'send_email'],
  reviewer: ['read_file'],
};

const workerMaxSteps = 6;

export async function supervisorAgent(goal: string, run: AgentRun): Promise<string> {
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: supervisorPrompt },
    { role: 'user', content: goal },
  ];
  const reports: Array<{ worker: WorkerName; output: string }> = [];
  for (let round = 1; round <= supervisorMaxRounds; round++) {
    const decision = await callStructured(run, 'supervisor', 'supervisor_decision', supervisorDecisionSchema, messages);
    messages.push({ role: 'assistant', content: JSON.stringify(decision) });
    if (decision.action === 'finish' || decision.worker === null) {
      const lastDraft = [...reports].reverse().find((report) => report.worker === 'writer')?.output;
      return decision.output?.trim() || lastDraft || reports.at(-1)?.output || '';
    }
    const worker = decision.worker;
    const task = decision.task.trim() || goal;
    const allowedTools = new Set(workerTools[worker]);
    const outcome = await run.invokeAgent(worker, task, () =>
      runReactLoop(run, {
        agent: worker,
        task,
        systemPrompt: workerPrompts[worker]!,
        contexts: reports.map((report) => handover(`${report.worker} reported`, report.output)),
        tools: run.options.tools.definitions().filter((tool) => allowedTools.has(tool.function.name)),
        maxSteps: workerMaxSteps,
      }),
    );
    const output = outcome.status === 'completed' ? outcome.output : `(stopped after ${workerMaxSteps} steps without an answer)`;
    reports.push({ worker, output });
    messages.push({ role: 'user', content: handover(`${worker} reported`, output) });
  }
  throw new RunStop('max_steps', 'max_steps', `the supervisor did not finish within ${supervisorMaxRounds} rounds`);
}
