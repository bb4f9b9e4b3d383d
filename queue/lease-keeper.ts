// The heartbeat a worker runs while it works on a leased job: extends the lease every third of it,
// and aborts `signal` the moment an extension is refused (the lease was lost: another worker may have
// the job) or fails (the queue cannot be reached), so the work in hand stops before its next effect.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { JobQueue } from './job-queue.js';

export interface LeaseKeeper {
  /** Aborted when the lease is lost; its reason says why. */
  readonly signal: AbortSignal;
  /** Stops the heartbeat (after complete, fail, release or park). */
  stop(): void;
}

/** Beats every `leaseMs / 3` unless told otherwise: two beats can be missed before the lease ends. */
export function keepLease(queue: JobQueue, jobId: string, workerId: string, leaseMs: number, intervalMs: number = Math.max(1, Math.floor(leaseMs / 3))): LeaseKeeper {
  const controller = new AbortController();
  let beating = false;
  const timer = setInterval(() => {
    if (beating || controller.signal.aborted) return;
    beating = true;
    queue
      .extend(jobId, workerId, leaseMs)
      .then((held) => {
        if (!held) controller.abort(new Error(`The lease of ${workerId} on job ${jobId} was lost: another worker may have it.`));
      })
      .catch((error: unknown) => controller.abort(error))
      .finally(() => {
        beating = false;
      });
  }, intervalMs);
  // A heartbeat alone must not keep a process alive.
  timer.unref();
  controller.signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  return {
    signal: controller.signal,
    stop: () => clearInterval(timer),
  };
}

/** A worker id unique to this process and call: host, pid and a random part (`host:1234:5f2c…`). */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
