// The researcher: a ReAct loop with the search tools (search_web, and scrape when the registry has it)
// on the topic, then the facts its searches returned. A retry searches for the subject alone
// ("Photosynthesis" rather than "Photosynthesis for AP Biology"), a wider query.
import { runReactLoop } from '../agents/index.js';
import { WORKER_MAX_TURNS } from './constants.js';
import type { ResearchOutput } from './content-result.js';
import type { PieceContext } from './piece-context.js';
import { researcherPrompt, researchTask } from './prompts.js';
import { factsFromSteps } from './search-results.js';
import { inWorkerRun } from './worker-run.js';

export async function research(piece: PieceContext, attempt: number): Promise<ResearchOutput> {
  const query = attempt === 0 ? piece.topic : piece.subject;
  const task = researchTask(query);
  return inWorkerRun(piece, 'researcher', task, async (workerRun, tools) => {
    const outcome = await runReactLoop(workerRun, { agent: 'researcher', task, systemPrompt: researcherPrompt, tools, maxSteps: WORKER_MAX_TURNS });
    return { query, findings: outcome.output, facts: factsFromSteps(workerRun.steps, `${query} ${piece.subject}`) };
  });
}
