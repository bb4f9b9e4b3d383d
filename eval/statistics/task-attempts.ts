// The attempts of one task over its epochs (n tries, c successes), shared by the pass@k and pass^k
// estimators, and the average of an estimator over many tasks.

export interface TaskAttempts {
  /** Attempts with a verdict. */
  n: number;
  /** Attempts that passed. */
  c: number;
}

export function assertAttempts(n: number, c: number, k: number): void {
  if (![n, c, k].every(Number.isInteger) || n < 0 || c < 0 || c > n) {
    throw new RangeError(`expected whole numbers with 0 ≤ c ≤ n, got n = ${n}, c = ${c}`);
  }
  if (k < 1) throw new RangeError(`k must be a whole number of at least 1, got ${k}`);
}

/**
 * The mean of `estimate` over tasks. NaN when there are no tasks, or when one task has fewer than k
 * attempts (its estimate is NaN): leaving it out silently would bias the average towards easy tasks.
 */
export function averageOverTasks(tasks: readonly TaskAttempts[], k: number, estimate: (n: number, c: number, k: number) => number): number {
  if (tasks.length === 0) return Number.NaN;
  let total = 0;
  for (const task of tasks) total += estimate(task.n, task.c, k);
  return total / tasks.length;
}
