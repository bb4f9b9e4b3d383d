// Settling the reviewers' decisions on parked pieces. A reviewer decides through decideReview (the
// CLI, the /reviews page or the API, maybe in another process, with the queue maybe on Redis), which
// only writes the review; the worker loop reads the reviews of the content queue's in_review jobs on
// each poll and acts: accepted → the package (the job's format checkpoint) is published, idempotently,
// and the job settled done; rejected or corrected → the job is returned to the queue to be written
// again from its research, counted as an attempt (dead once the budget is spent), and the reviewer's
// lesson is recalled when it runs. unpark is conditional, so of two settlers at once one settles.
import type { QueueJob } from '../queue/index.js';
import type { ReviewRecord } from '../store/index.js';
import { CONTENT_QUEUE, RETURNED_PIECE_KEEPS, SETTLE_BATCH } from './constants.js';
import type { FormatOutput } from './content-result.js';
import { publish } from './publish.js';
import type { ContentWorkersOptions, PieceEvent } from './worker-options.js';

/** The review id the worker put in the parked job's note (`review <id>: <reason>`). */
export function reviewIdOfNote(note: string | undefined): string | undefined {
  return /^review (\S+):/.exec(note ?? '')?.[1];
}

function topicOf(job: QueueJob): string {
  const payload = job.payload as { topic?: unknown } | null;
  return typeof payload?.topic === 'string' ? payload.topic : '';
}

function returnReason(review: ReviewRecord): string {
  const what = review.status === 'corrected' ? `corrected by ${review.decidedBy ?? 'a reviewer'}` : `rejected by ${review.decidedBy ?? 'a reviewer'}`;
  return review.note ? `${what}: ${review.note}` : what;
}

/** Settles every decided review of the queue's parked pieces; returns what it settled. */
export async function settleReviews(options: ContentWorkersOptions, settlerId: string): Promise<PieceEvent[]> {
  const { queue, store } = options;
  const now = options.now ?? Date.now;
  const settled: PieceEvent[] = [];
  for (const job of await queue.list(CONTENT_QUEUE, { state: 'in_review', limit: SETTLE_BATCH })) {
    const reviewId = reviewIdOfNote(job.note);
    const review = reviewId === undefined ? undefined : await store.reviews.get(reviewId);
    if (!review || review.status === 'pending') continue;
    const event = { workerId: settlerId, jobId: job.id, topic: topicOf(job), costUsd: 0, stagesRun: [], lessons: 0, reviewId: review.id };
    if (review.status === 'accepted') {
      const format = job.checkpoints.format as unknown as FormatOutput | undefined;
      const startedAt = now();
      // Published before the job is settled: a settler that dies in between leaves it to the next, and publish is idempotent.
      const published = format ? await publish(format.lesson, options.outputDirectory) : undefined;
      const result = { status: published ? 'published' : 'accepted', reviewId: review.id, by: review.decidedBy ?? null, ...(published ? { jsonPath: published.jsonPath } : {}) };
      if (!(await queue.unpark(job.id, { requeue: false, result, note: `accepted by ${review.decidedBy ?? 'a reviewer'}` }))) continue;
      if (published) {
        await store.contentRuns.add({
          pieceId: job.id,
          topic: event.topic,
          workerId: settlerId,
          startedAt,
          finishedAt: now(),
          status: 'published',
          reason: `accepted by ${review.decidedBy ?? 'a reviewer'}`,
          ...(review.confidence === undefined ? {} : { confidence: review.confidence }),
          costUsd: 0,
          workers: {},
          stageLatencyMs: {},
          stagesRun: ['publish'],
          reviewId: review.id,
          ...(review.traceId ? { traceId: review.traceId } : {}),
        });
      }
      settled.push({ ...event, outcome: 'published', stagesRun: published ? ['publish'] : [], ...(published ? { status: 'published' as const } : {}) });
      continue;
    }
    const reason = returnReason(review);
    if (!(await queue.unpark(job.id, { requeue: true, keepCheckpoints: RETURNED_PIECE_KEEPS, error: reason, note: reason }))) continue;
    const after = await queue.get(job.id);
    settled.push({ ...event, outcome: after?.state === 'dead' ? 'returned-dead' : 'returned', reason });
  }
  return settled;
}
