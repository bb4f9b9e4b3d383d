// Percentiles of a sample, for p50/p95 of tokens and latency.

/**
 * The p-th percentile (0–100) by linear interpolation between closest ranks: the value at rank
 * (p/100)·(n−1) of the sorted sample, interpolated between its neighbours. This is numpy's default
 * ("linear", Hyndman & Fan type 7) and Excel's PERCENTILE.INC. NaN for an empty sample.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be from 0 to 100, got ${p}`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}
