// The researcher: a ReAct loop with the search tools on the topic (search_web, then scrape of the top
// result when it has scrape), then the facts its searches and the page returned. A retry searches for the subject alone
// ("Photosynthesis" rather than "Photosynthesis for AP Biology"), a wider query.
import { runReactLoop } from '../agents/index.js';
import { WORKER_MAX_TURNS } from './constants.js';
import type { ResearchOutput } from './content-result.js';
import type { PieceContext } from './piece-context.js';
import { researcherPrompt, researchTask } from './prompts.js';
import { factsFromSteps } from './search-results.js';
import { inWorkerRun, untilLoopStopped } from './worker-run.js';

/** `note`: on a retry, why the last research did not pass, so the researcher knows what to do better. */
export async function research(piece: PieceContext, attempt: number, note?: string): Promise<ResearchOutput> {
  const query = attempt === 0 ? piece.topic : piece.subject;
  const task = researchTask(query, piece.registries.researcher.get('scrape') !== undefined, attempt);
  return inWorkerRun(piece, 'researcher', task, async (workerRun, tools) => {
    let findings = '';
    await untilLoopStopped(workerRun, async () => {
      findings = (await runReactLoop(workerRun, { agent: 'researcher', task, systemPrompt: researcherPrompt, ...(note ? { contexts: [`Quality gate failed: ${note}`] } : {}), tools, maxSteps: WORKER_MAX_TURNS })).output;
    });
    return { query, findings, facts: factsFromSteps(workerRun.steps, `${query} ${piece.subject}`) };
  });
}
