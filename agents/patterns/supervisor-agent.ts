// Supervisor: a routing model decides, as structured output, which worker acts next (researcher,
// writer, reviewer) and with what task, or finishes with the output. Rounds are bounded. Every
// hand-over is a direct message: the supervisor sends a worker its task with the ids of the reports
// it forwards, and the worker reports back; both are recorded on the trace.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { supervisorMaxRounds } from '../constants.js';
import type { AgentRun } from '../core/agent-run.js';
import { runReactLoop } from '../core/react-loop.js';
import { RunStop } from '../core/run-stop.js';
import { Mailbox } from '../messaging/index.js';
import { supervisorPrompt, workerPrompts } from '../prompts.js';
import { handoverContext, sendHandover } from './handover.js';
import { messagingOptionsOf } from './run-messaging.js';
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
const supervisor = 'supervisor';

export async function supervisorAgent(goal: string, run: AgentRun): Promise<string> {
  const mailbox = new Mailbox(messagingOptionsOf(run));
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: supervisorPrompt },
    { role: 'user', content: goal },
  ];
  for (let round = 1; round <= supervisorMaxRounds; round++) {
    const decision = await callStructured(run, supervisor, 'supervisor_decision', supervisorDecisionSchema, messages);
    messages.push({ role: 'assistant', content: JSON.stringify(decision) });
    const reports = mailbox.inbox(supervisor);
    if (decision.action === 'finish' || decision.worker === null) {
      const lastDraft = [...reports].reverse().find((report) => report.sender === 'writer')?.content;
      return decision.output?.trim() || lastDraft || reports.at(-1)?.content || '';
    }
    const worker = decision.worker;
    const delegation = mailbox.send({
      sender: supervisor,
      recipient: worker,
      content: decision.task.trim() || goal,
      metadata: { round, forwarded: reports.map((report) => report.id) },
    });
    const report = await run.invokeAgent(worker, delegation.content, async () => {
      const forwarded = (delegation.metadata.forwarded as readonly string[]).map((id) => mailbox.message(id));
      const allowedTools = new Set(workerTools[worker]);
      const outcome = await runReactLoop(run, {
        agent: worker,
        task: delegation.content,
        systemPrompt: workerPrompts[worker]!,
        contexts: forwarded.map((message) => handoverContext(message)),
        tools: run.options.tools.definitions().filter((tool) => allowedTools.has(tool.function.name)),
        maxSteps: workerMaxSteps,
      });
      const output = outcome.status === 'completed' ? outcome.output : `(stopped after ${workerMaxSteps} steps without an answer)`;
      const message = sendHandover(mailbox, `${worker} reported`, { sender: worker, recipient: supervisor, content: output, metadata: { round }, cause: { kind: 'message', id: delegation.id } });
      return { status: outcome.status, message };
    });
    messages.push({ role: 'user', content: handoverContext(report.message) });
  }
  throw new RunStop('max_steps', 'max_steps', `the supervisor did not finish within ${supervisorMaxRounds} rounds`);
}
