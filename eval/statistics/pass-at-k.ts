// pass@k: the chance that at least one of k tries succeeds, estimated without bias from n tries with
// c successes (Chen et al. 2021, "Evaluating Large Language Models Trained on Code").
import { assertAttempts, averageOverTasks, type TaskAttempts } from './task-attempts.js';

/**
 * 1 − C(n−c, k) / C(n, k), computed as 1 − ∏_{i=n−c+1}^{n} (1 − k/i) so no binomial coefficient
 * is formed (they overflow long before n is large). NaN when k > n: n tries cannot estimate k.
 */
export function passAtK(n: number, c: number, k: number): number {
  assertAttempts(n, c, k);
  if (k > n) return Number.NaN;
  // Fewer than k failures: every draw of k tries holds a success.
  if (n - c < k) return 1;
  let allFail = 1;
  for (let index = n - c + 1; index <= n; index++) allFail *= 1 - k / index;
  return 1 - allFail;
}

/** The mean of pass@k over tasks; NaN when there are none or one has fewer than k tries. */
export function passAtKOverTasks(tasks: readonly TaskAttempts[], k: number): number {
  return averageOverTasks(tasks, k, passAtK);
}
