// Order statistics over samples: the median and percentiles that every figure is built from.

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  return samples.reduce((total, sample) => total + sample, 0) / samples.length;
}

/**
 * The p-th percentile (0–100) with linear interpolation between the closest ranks, as numpy's
 * default does, so `percentile(samples, 50)` is the usual median.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  const sorted = [...samples].sort((left, right) => left - right);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (rank - lower);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Each pair's difference, a[i] − b[i]: samples taken side by side, compared pair by pair. */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in number: ${a.length} and ${b.length}`);
  return a.map((value, index) => value - b[index]!);
}
