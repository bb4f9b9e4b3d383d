// A content run's row for the store (content_runs) from a piece's result, from a run that threw, or
// for a review a settler published: what the content report reads.
import type { ContentRunRecord } from '../store/index.js';
import type { ContentResult } from './content-result.js';

export interface RunTimes {
  workerId: string;
  startedAt: number;
  finishedAt: number;
}

export function contentRunOf(result: ContentResult, times: RunTimes, reviewId?: string): ContentRunRecord {
  const workers: ContentRunRecord['workers'] = {};
  for (const [name, account] of Object.entries(result.workers)) {
    if (!account) continue;
    workers[name] = {
      model: account.model,
      modelCalls: account.modelCalls,
      toolCalls: account.toolCalls,
      inputTokens: account.usage.inputTokens,
      outputTokens: account.usage.outputTokens,
      ...(account.costUsd === undefined ? {} : { costUsd: account.costUsd }),
    };
  }
  const check = result.stages['fact-check'];
  return {
    pieceId: result.pieceId,
    topic: result.topic,
    ...times,
    status: result.status,
    ...(result.reason === undefined ? {} : { reason: result.reason }),
    ...(result.confidence === undefined ? {} : { confidence: result.confidence }),
    ...(check ? { claimsChecked: check.claims.length, claimsSupported: check.claims.filter((claim) => claim.verdict === 'supported').length } : {}),
    costUsd: result.costUsd,
    workers,
    stageLatencyMs: { ...result.stageLatencyMs } as Record<string, number>,
    stagesRun: [...result.stagesRun],
    ...(reviewId === undefined ? {} : { reviewId }),
    ...(result.run.traceId ? { traceId: result.run.traceId } : {}),
  };
}

/** A run that ended in a thrown error (a model endpoint down): failed, with what is known. */
export function failedRunOf(pieceId: string, topic: string, times: RunTimes, reason: string): ContentRunRecord {
  return { pieceId, topic, ...times, status: 'failed', reason, costUsd: 0, workers: {}, stageLatencyMs: {}, stagesRun: [] };
}
