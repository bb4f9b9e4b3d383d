// Pipeline: research, write, review with a score as structured output, and revise while the score is
// below the threshold, at most a fixed number of times. Each hand-over is a direct message: findings
// from researcher to writer, each draft from writer to reviewer, feedback from reviewer to writer.
import { z } from 'zod';
import { pipelineMaxRevisions, pipelineScoreThreshold } from '../constants.js';
import type { AgentRun } from '../core/agent-run.js';
import { runReactLoop } from '../core/react-loop.js';
import { Mailbox, type DirectMessage } from '../messaging/index.js';
import { reviewPrompt, workerPrompts } from '../prompts.js';
import { handoverContext, sendHandover } from './handover.js';
import { messagingOptionsOf } from './run-messaging.js';
import { callStructured } from './structured-call.js';
import { workerTools } from './supervisor-agent.js';

export const reviewSchema = z.object({
  score: z.number().int().min(1).max(10),
  feedback: z.string(),
});

const researchMaxSteps = 8;

const writerMaxSteps = 4;

/**
 * The writer drafts from the messages it was sent and sends the draft to the reviewer; it may save or
 * send the draft when the goal says so. A revision may save again (rewriting a file is harmless) but
 * never repeats a destructive action such as an e-mail.
 */
async function write(run: AgentRun, mailbox: Mailbox, goal: string, received: DirectMessage[], revision: number): Promise<DirectMessage> {
  const writerTools = new Set(workerTools.writer.filter((name) => revision === 0 || run.options.tools.get(name)?.permission !== 'destructive'));
  const written = await run.invokeAgent('writer', goal, async () => {
    const outcome = await runReactLoop(run, {
      agent: 'writer',
      task: goal,
      systemPrompt: workerPrompts.writer!,
      contexts: received.map((message) => handoverContext(message)),
      tools: run.options.tools.definitions().filter((tool) => writerTools.has(tool.function.name)),
      maxSteps: writerMaxSteps,
      temperature: run.generationTemperature,
    });
    const draft = sendHandover(mailbox, 'Previous draft', { sender: 'writer', recipient: 'reviewer', content: outcome.output, metadata: { revision }, cause: { kind: 'message', id: received.at(-1)!.id } });
    return { status: outcome.status, draft };
  });
  return written.draft;
}

export async function pipelineAgent(goal: string, run: AgentRun): Promise<string> {
  const mailbox = new Mailbox(messagingOptionsOf(run));
  const researcherTools = new Set(workerTools.researcher);
  const findings = await run.invokeAgent('researcher', goal, async () => {
    const research = await runReactLoop(run, {
      agent: 'researcher',
      task: goal,
      systemPrompt: workerPrompts.researcher!,
      tools: run.options.tools.definitions().filter((tool) => researcherTools.has(tool.function.name)),
      maxSteps: researchMaxSteps,
    });
    return { status: research.status, message: sendHandover(mailbox, 'Research findings', { sender: 'researcher', recipient: 'writer', content: research.output }) };
  });
  let draft = await write(run, mailbox, goal, [findings.message], 0);
  for (let revision = 0; ; revision++) {
    const review = await run.invokeAgent('reviewer', goal, async () => ({
      status: 'completed' as const,
      review: await callStructured(run, 'reviewer', 'review', reviewSchema, [
        { role: 'system', content: reviewPrompt },
        { role: 'user', content: goal },
        { role: 'user', content: `Draft to review:\n${draft.content}` },
      ]),
    }));
    run.counters.last_review_score = review.review.score;
    if (review.review.score >= pipelineScoreThreshold || revision >= pipelineMaxRevisions) return draft.content;
    run.count('revisions');
    run.emit({ type: 'guard', agent: 'writer', guard: 'revision', detail: `score ${review.review.score}: ${review.review.feedback}` });
    const feedback = sendHandover(mailbox, 'Reviewer feedback', { sender: 'reviewer', recipient: 'writer', content: review.review.feedback, metadata: { score: review.review.score }, cause: { kind: 'message', id: draft.id } });
    draft = await write(run, mailbox, goal, [findings.message, draft, feedback], revision + 1);
  }
}
