// The writer: no tools, a draft at the generation temperature from the facts it was sent (a direct
// message from the researcher, or after a failed fact-check only the claims that were supported).
import { runReactLoop } from '../agents/index.js';
import { WORKER_MAX_TURNS } from './constants.js';
import type { ResearchFact, WriteOutput } from './content-result.js';
import type { PieceContext } from './piece-context.js';
import { writerPrompt, writeTask } from './prompts.js';
import { factLines } from './search-results.js';
import { inWorkerRun } from './worker-run.js';

export async function write(piece: PieceContext, facts: readonly ResearchFact[], revision: number): Promise<WriteOutput> {
  const task = writeTask(piece.topic, piece.audience, revision);
  return inWorkerRun(piece, 'writer', task, async (workerRun, tools) => {
    const outcome = await runReactLoop(workerRun, {
      agent: 'writer',
      task,
      systemPrompt: writerPrompt,
      contexts: [`Facts:\n${factLines(facts)}`],
      tools,
      maxSteps: WORKER_MAX_TURNS,
      temperature: workerRun.generationTemperature,
    });
    return { draft: outcome.output.trim(), revision };
  });
}
