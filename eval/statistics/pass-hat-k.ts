// pass^k: the chance that all of k tries succeed — reliability rather than capability (Yao et al.
// 2024, "τ-bench"), estimated without bias from n tries with c successes.
import { assertAttempts, averageOverTasks, type TaskAttempts } from './task-attempts.js';

/**
 * C(c, k) / C(n, k), computed as ∏_{i=0}^{k−1} (c−i)/(n−i) so no binomial coefficient is formed.
 * 0 when c < k; NaN when k > n: n tries cannot estimate k.
 */
export function passHatK(n: number, c: number, k: number): number {
  assertAttempts(n, c, k);
  if (k > n) return Number.NaN;
  let allPass = 1;
  for (let index = 0; index < k; index++) allPass *= (c - index) / (n - index);
  return allPass;
}

/** The mean of pass^k over tasks; NaN when there are none or one has fewer than k tries. */
export function passHatKOverTasks(tasks: readonly TaskAttempts[], k: number): number {
  return averageOverTasks(tasks, k, passHatK);
}
