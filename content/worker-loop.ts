// runContentWorkers: N concurrent workers in one process on the content queue. Each worker (its own
// worker id) settles the reviewers' decisions, leases the oldest piece, works it to an outcome
// (worker-piece.ts) and leases again; an idle worker waits `pollMs`. `signal` stops the leasing and
// lets the pieces in hand finish; `abortSignal` aborts them and releases their jobs. A worker that
// fails (the store or the queue gone) stops the others the same way, and the error is thrown.
import { setTimeout as sleep } from 'node:timers/promises';
import { newWorkerId, type JobQueue } from '../queue/index.js';
import { CONTENT_QUEUE, DEFAULT_LEASE_MS, DEFAULT_POLL_MS } from './constants.js';
import { settleReviews } from './settle-reviews.js';
import type { ContentWorkersOptions, PieceEvent, WorkersSummary } from './worker-options.js';
import { workPiece } from './worker-piece.js';

/** Nothing the workers could still lease: no job queued (a retry waiting out its backoff counts) or running. */
async function isDrained(queue: JobQueue): Promise<boolean> {
  const counts = await queue.counts(CONTENT_QUEUE);
  return counts.queued.count + counts.running.count === 0;
}

const runOutcomes = new Set(['completed', 'parked', 'retry', 'dead']);

export async function runContentWorkers(options: ContentWorkersOptions): Promise<WorkersSummary> {
  const { queue } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const failure = new AbortController();
  const abortSignal = AbortSignal.any([failure.signal, ...(options.abortSignal ? [options.abortSignal] : [])]);
  const stopSignal = AbortSignal.any([abortSignal, ...(options.signal ? [options.signal] : [])]);
  const workOptions: ContentWorkersOptions = { ...options, abortSignal };
  const summary: WorkersSummary = { outcomes: {}, pieces: 0, costUsd: 0, aborted: false };

  const report = (event: PieceEvent): void => {
    summary.outcomes[event.outcome] = (summary.outcomes[event.outcome] ?? 0) + 1;
    if (runOutcomes.has(event.outcome)) summary.pieces += 1;
    summary.costUsd += event.costUsd;
    options.onPiece?.(event);
  };

  // One settling pass at a time in this process; other processes' passes are made safe by unpark.
  let settling: Promise<void> | undefined;
  const settle = (settlerId: string): Promise<void> =>
    (settling ??= settleReviews(workOptions, settlerId)
      .then((events) => events.forEach(report))
      .finally(() => {
        settling = undefined;
      }));

  const work = async (): Promise<void> => {
    const workerId = newWorkerId();
    while (!stopSignal.aborted) {
      await settle(workerId);
      if (stopSignal.aborted) break;
      const job = await queue.lease(CONTENT_QUEUE, workerId, leaseMs);
      if (job) {
        report(await workPiece(workOptions, { job, workerId, leaseMs }));
        continue;
      }
      if (options.untilEmpty && (await isDrained(queue))) break;
      await sleep(pollMs, undefined, { signal: stopSignal }).catch(() => undefined);
    }
  };

  const ended = await Promise.allSettled(
    Array.from({ length: Math.max(1, options.workers) }, () =>
      work().catch((error: unknown) => {
        failure.abort(error);
        throw error;
      }),
    ),
  );
  const failed = ended.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  summary.aborted = options.abortSignal?.aborted ?? false;
  return summary;
}
