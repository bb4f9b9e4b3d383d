// The review queue's entry for a piece below the confidence threshold (kind low_confidence): the
// answer is the package's summary and key facts, the reasoning the per-claim report a reviewer checks
// (verdict, confidence, claim, sources), the steps the stages the piece went through.
import type { NewReview } from '../store/index.js';
import { answerOf } from './content-pipeline.js';
import type { ClaimVerdict, ContentResult } from './content-result.js';

export function claimReport(claims: readonly ClaimVerdict[]): string {
  return claims.map((claim) => `[${claim.verdict} ${claim.confidence.toFixed(2)}] ${claim.claim} (${claim.sources.join(', ') || 'no source'})`).join('\n');
}

/** `runId`: the queue job's id (or the piece id); `createdAt`: the store's clock. */
export function reviewOfPiece(result: ContentResult, options: { runId: string; createdAt: number }): NewReview {
  return {
    kind: 'low_confidence',
    runId: options.runId,
    caseId: result.pieceId,
    agent: 'content',
    model: result.workers['fact-checker']?.model ?? '',
    goal: result.topic,
    answer: answerOf(result.stages),
    confidence: result.confidence ?? 0,
    reasoning: `${result.reason ?? 'below the threshold'}\n${claimReport(result.claims ?? [])}`,
    steps: result.stagesRun.map((stage, index) => `${index + 1}. ${stage}`).join('\n'),
    ...(result.run.traceId ? { traceId: result.run.traceId } : {}),
    createdAt: options.createdAt,
  };
}
