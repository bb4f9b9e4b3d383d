// Runs a task against a time limit and a cancellation signal, whichever comes first.

export type DeadlineOutcome<Value> =
  | { kind: 'completed'; value: Value }
  | { kind: 'failed'; error: unknown }
  | { kind: 'timeout' }
  | { kind: 'aborted'; reason: unknown };

/**
 * Starts `task` with a signal that fires on the deadline (none when `timeoutMs` is undefined)
 * or when `signal` aborts, and settles as soon as any of the three happens. A task that ignores
 * its signal keeps running in the background, but its late result is dropped.
 */
export async function runWithDeadline<Value>(
  task: (signal: AbortSignal) => Promise<Value>,
  timeoutMs: number | undefined,
  signal?: AbortSignal,
): Promise<DeadlineOutcome<Value>> {
  if (signal?.aborted) return { kind: 'aborted', reason: signal.reason };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;

  const stopped = new Promise<DeadlineOutcome<Value>>((resolve) => {
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        resolve({ kind: 'timeout' });
        controller.abort(new Error(`timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    }
    onAbort = () => {
      resolve({ kind: 'aborted', reason: signal?.reason });
      controller.abort(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

  const finished = Promise.resolve()
    .then(() => task(controller.signal))
    .then(
      (value): DeadlineOutcome<Value> => ({ kind: 'completed', value }),
      (error: unknown): DeadlineOutcome<Value> => ({ kind: 'failed', error }),
    );

  try {
    return await Promise.race([finished, stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
