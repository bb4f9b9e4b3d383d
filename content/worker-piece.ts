// One leased job of the content queue, worked by one worker: the lease kept alive (the piece aborted
// when it is lost), the checkpoints given back as completed stages and each new stage checkpointed,
// lessons recalled, and the outcome handed to the queue: complete, park for review (with its review
// queue entry), fail (retry or dead letter), or release when stopped. Every finished run is a row of
// content_runs. A lost lease ends the piece with no further effect: another worker has the job.
import { DEFAULT_EMBEDDING_MODEL } from '../agents/index.js';
import { keepLease, type QueueJob } from '../queue/index.js';
import { CONTENT_LESSONS_NAMESPACE } from './constants.js';
import type { ContentStage } from './constants.js';
import { runContentPiece } from './content-pipeline.js';
import { recallContentLessons } from './content-lessons.js';
import type { ContentResult, StageOutputs } from './content-result.js';
import { contentRunOf, failedRunOf } from './content-run-of.js';
import { reviewOfPiece } from './piece-review.js';
import type { ContentWorkersOptions, PieceEvent, PieceOutcome } from './worker-options.js';

class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`the lease on job ${jobId} was lost: another worker may have it`);
  }
}

export interface LeasedPiece {
  job: QueueJob;
  workerId: string;
  leaseMs: number;
}

function topicOf(job: QueueJob): string {
  const payload = job.payload as { topic?: unknown } | null;
  return typeof payload?.topic === 'string' ? payload.topic : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The pending review of this job's run (one per return: the epoch is the job's attempts), added once. */
async function reviewIdOf(options: ContentWorkersOptions, job: QueueJob, result: ContentResult): Promise<string> {
  const entry = { ...reviewOfPiece(result, { runId: job.id, createdAt: (options.now ?? Date.now)() }), epoch: job.attempts };
  const added = await options.store.reviews.addOnce(entry);
  if (added) return added.id;
  // A worker that died after adding it and before parking: the entry is there already.
  const existing = (await options.store.reviews.list({ status: 'pending', limit: 10_000 })).find((review) => review.runId === job.id && review.epoch === job.attempts && review.agent === 'content');
  return existing?.id ?? (await options.store.reviews.add(entry)).id;
}

async function lessonsFor(options: ContentWorkersOptions, topic: string, signal: AbortSignal): Promise<string[]> {
  if (options.lessons === false) return [];
  return recallContentLessons(topic, {
    store: options.store,
    provider: options.provider,
    embeddingModel: options.embeddingModel ?? DEFAULT_EMBEDDING_MODEL,
    namespace: options.lessonsNamespace ?? CONTENT_LESSONS_NAMESPACE,
    signal,
  });
}

/** Works the job to an outcome; never throws for what the piece or the model does. */
export async function workPiece(options: ContentWorkersOptions, leased: LeasedPiece): Promise<PieceEvent> {
  const { job, workerId, leaseMs } = leased;
  const { queue } = options;
  const now = options.now ?? Date.now;
  const topic = topicOf(job);
  const startedAt = now();
  const keeper = keepLease(queue, job.id, workerId, leaseMs);
  const stopping = new AbortController();
  const signals = [keeper.signal, stopping.signal, ...(options.abortSignal ? [options.abortSignal] : [])];
  const signal = AbortSignal.any(signals);
  let lost = false;
  const event = (outcome: PieceOutcome, fields: Partial<PieceEvent> = {}): PieceEvent => ({ workerId, jobId: job.id, topic, outcome, costUsd: 0, stagesRun: [], lessons: 0, ...fields });
  const onStage = async (stage: ContentStage, output: NonNullable<StageOutputs[ContentStage]>): Promise<void> => {
    if (await queue.checkpoint(job.id, workerId, stage, output)) return;
    lost = true;
    stopping.abort(new LeaseLost(job.id));
    throw new LeaseLost(job.id);
  };

  let lessons: string[] = [];
  let result: ContentResult | undefined;
  let thrown: unknown;
  try {
    lessons = await lessonsFor(options, topic, signal);
    result = await runContentPiece(topic, {
      provider: options.provider,
      settings: options.settings,
      pieceId: job.id,
      outputDirectory: options.outputDirectory,
      completedStages: job.checkpoints as StageOutputs,
      onStage,
      lessons,
      signal,
      ...(options.corpusDirectory ? { corpusDirectory: options.corpusDirectory } : {}),
      ...(options.tracer ? { tracer: options.tracer } : {}),
      ...(options.captureContent ? { captureContent: true } : {}),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    });
  } catch (error) {
    thrown = error;
  } finally {
    keeper.stop();
  }

  if (lost || keeper.signal.aborted) return event('lost', { reason: messageOf(keeper.signal.reason ?? stopping.signal.reason) });
  if (options.abortSignal?.aborted) {
    await queue.release(job.id, workerId);
    return event('released');
  }
  const times = { workerId, startedAt, finishedAt: now() };
  const summary = result ? { status: result.status, costUsd: result.costUsd, stagesRun: [...result.stagesRun], lessons: lessons.length, ...(result.confidence === undefined ? {} : { confidence: result.confidence }), ...(result.reason === undefined ? {} : { reason: result.reason }) } : { lessons: lessons.length };

  if (!result || result.status === 'failed') {
    const reason = result?.reason ?? messageOf(thrown);
    await options.store.contentRuns.add(result ? contentRunOf(result, times) : failedRunOf(job.id, topic, times, reason));
    const failed = await queue.fail(job.id, workerId, reason);
    return event(failed === false ? 'lost' : failed, { ...summary, reason });
  }
  if (result.status === 'in_review') {
    const reviewId = await reviewIdOf(options, job, result);
    await options.store.contentRuns.add(contentRunOf(result, times, reviewId));
    const parked = await queue.park(job.id, workerId, `review ${reviewId}: ${result.reason ?? 'below the confidence threshold'}`);
    return event(parked ? 'parked' : 'lost', { ...summary, reviewId });
  }
  await options.store.contentRuns.add(contentRunOf(result, times));
  const published = result.stages.publish;
  const completed = await queue.complete(job.id, workerId, { status: result.status, confidence: result.confidence ?? null, costUsd: result.costUsd, ...(published ? { jsonPath: published.jsonPath } : {}) });
  return event(completed ? 'completed' : 'lost', summary);
}
