// Pipeline: research, write, review with a score as structured output, and revise while the score is
// below the threshold, at most a fixed number of times.
import { z } from 'zod';
import { pipelineMaxRevisions, pipelineScoreThreshold } from '../constants.js';
import type { AgentRun } from '../core/agent-run.js';
import { runReactLoop } from '../core/react-loop.js';
import { reviewPrompt, workerPrompts } from '../prompts.js';
import { handover } from './handover.js';
import { callStructured } from './structured-call.js';
import { workerTools } from './supervisor-agent.js';

export const reviewSchema = z.object({
  score: z.number().int().min(1).max(10),
  feedback: z.string(),
});

const researchMaxSteps = 8;

const writerMaxSteps = 4;

/**
 * The writer drafts from the context and may save or send the draft when the goal says so. A revision
 * may save again (rewriting a file is harmless) but never repeats a destructive action such as an e-mail.
 */
async function write(run: AgentRun, goal: string, contexts: string[], revision: boolean): Promise<string> {
  const writerTools = new Set(workerTools.writer.filter((name) => !revision || run.options.tools.get(name)?.permission !== 'destructive'));
  const outcome = await run.invokeAgent('writer', goal, () =>
    runReactLoop(run, {
      agent: 'writer',
      task: goal,
      systemPrompt: workerPrompts.writer!,
      contexts,
      tools: run.options.tools.definitions().filter((tool) => writerTools.has(tool.function.name)),
      maxSteps: writerMaxSteps,
      temperature: run.generationTemperature,
    }),
  );
  return outcome.output;
}

export async function pipelineAgent(goal: string, run: AgentRun): Promise<string> {
  const researcherTools = new Set(workerTools.researcher);
  const research = await run.invokeAgent('researcher', goal, () =>
    runReactLoop(run, {
      agent: 'researcher',
      task: goal,
      systemPrompt: workerPrompts.researcher!,
      tools: run.options.tools.definitions().filter((tool) => researcherTools.has(tool.function.name)),
      maxSteps: researchMaxSteps,
    }),
  );
  const findings = handover('Research findings', research.output);
  let draft = await write(run, goal, [findings], false);
  for (let revision = 0; ; revision++) {
    const review = await run.invokeAgent('reviewer', goal, async () => ({
      status: 'completed' as const,
      review: await callStructured(run, 'reviewer', 'review', reviewSchema, [
        { role: 'system', content: reviewPrompt },
        { role: 'user', content: goal },
        { role: 'user', content: `Draft to review:\n${draft}` },
      ]),
    }));
    run.counters.last_review_score = review.review.score;
    if (review.review.score >= pipelineScoreThreshold || revision >= pipelineMaxRevisions) return draft;
    run.count('revisions');
    run.emit({ type: 'guard', agent: 'writer', guard: 'revision', detail: `score ${review.review.score}: ${review.review.feedback}` });
    draft = await write(run, goal, [findings, handover('Previous draft', draft), handover('Reviewer feedback', review.review.feedback)], true);
  }
}
