// The fact-checker: searches for evidence itself (search_web, calculator), then gives every claim of
// the draft a verdict with sources and a confidence as structured output. The piece's confidence is
// the mean over the claims of the confidence of each supported claim, an unsupported or unclear claim
// counting 0: the expected share of the lesson's claims that are both checked and right. No claims at
// all is confidence 0 (nothing was checked).
import { z } from 'zod';
import { callStructured, runReactLoop } from '../agents/index.js';
import { MAX_CLAIM_SEARCHES, schemaNames, WORKER_MAX_TURNS } from './constants.js';
import type { ClaimVerdict, FactCheckOutput } from './content-result.js';
import type { PieceContext } from './piece-context.js';
import { factCheckerPrompt, factCheckRequest, factCheckSearchTask } from './prompts.js';
import { claimQueries, factLines, factsFromSteps } from './search-results.js';
import { inWorkerRun, untilLoopStopped } from './worker-run.js';

export const factCheckSchema = z.strictObject({
  claims: z.array(
    z.strictObject({
      claim: z.string(),
      verdict: z.enum(['supported', 'unsupported', 'unclear']),
      sources: z.array(z.string()),
      confidence: z.number().min(0).max(1),
    }),
  ),
});

export function pieceConfidence(claims: readonly ClaimVerdict[]): number {
  if (claims.length === 0) return 0;
  const sum = claims.reduce((total, claim) => total + (claim.verdict === 'supported' ? claim.confidence : 0), 0);
  return Math.round((sum / claims.length) * 1000) / 1000;
}

export async function factCheck(piece: PieceContext, draft: string): Promise<FactCheckOutput> {
  // One search for the subject, then one per claim (its key words), as a fact-checker looks each up.
  // The same query twice is one search: a repeated call is a loop to the run's guard.
  const queries = [...new Map([piece.subject, ...claimQueries(draft, MAX_CLAIM_SEARCHES)].map((query) => [query.toLowerCase(), query])).values()];
  const task = queries.map((query) => factCheckSearchTask(query)).join('. ');
  return inWorkerRun(piece, 'fact-checker', task, async (workerRun, tools) => {
    if (tools.length > 0) await untilLoopStopped(workerRun, () => runReactLoop(workerRun, { agent: 'fact-checker', task, systemPrompt: factCheckerPrompt, tools, maxSteps: queries.length + WORKER_MAX_TURNS }));
    const evidence = factsFromSteps(workerRun.steps, queries.join(' '), Number.POSITIVE_INFINITY);
    const { claims: verdicts } = await callStructured(workerRun, 'fact-checker', schemaNames.factCheck, factCheckSchema, [
      { role: 'system', content: factCheckerPrompt },
      { role: 'user', content: factCheckRequest(piece.topic) },
      { role: 'user', content: `Context: Evidence:\n${evidence.length > 0 ? factLines(evidence) : '(none found)'}` },
      { role: 'user', content: `Draft to check:\n${draft}` },
    ]);
    // A source counts only if the fact-checker saw it (or it is a URL): no invented citations.
    const seen = new Set(evidence.map((fact) => fact.source));
    const claims = verdicts.map((verdict) => ({ ...verdict, sources: verdict.sources.filter((source) => seen.has(source) || /^https?:\/\//.test(source)) }));
    const supported = claims.filter((claim) => claim.verdict === 'supported').length;
    return { claims, supportedShare: claims.length === 0 ? 0 : supported / claims.length, confidence: pieceConfidence(claims) };
  });
}
