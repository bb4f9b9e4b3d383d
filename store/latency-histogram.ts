// Percentiles read from a latency histogram (content_day_stage_latencies): bucket b holds the
// latencies within 1% of 1.02^b ms, bucket -1 those under 1 ms. Percentiles interpolate between the
// values of the ranks around p, as eval/statistics' percentile does over the raw sample
// (Hyndman & Fan type 7), with each latency read as its bucket's value, so a figure is within 1%.

/** The latency a bucket stands for, in ms. */
export function bucketMilliseconds(bucket: number): number {
  return bucket < 0 ? 0 : 1.02 ** bucket;
}

export interface HistogramBucket {
  bucket: number;
  runs: number;
}

/** The p-th percentile (0–100) of the latencies counted in `buckets` (any order); NaN when they count none. */
export function histogramPercentile(buckets: readonly HistogramBucket[], p: number): number {
  const sorted = [...buckets].filter((entry) => entry.runs > 0).sort((left, right) => left.bucket - right.bucket);
  const total = sorted.reduce((sum, entry) => sum + entry.runs, 0);
  if (total === 0) return Number.NaN;
  const rank = (p / 100) * (total - 1);
  const valueAt = (position: number): number => {
    let seen = 0;
    for (const entry of sorted) {
      seen += entry.runs;
      if (position < seen) return bucketMilliseconds(entry.bucket);
    }
    return bucketMilliseconds(sorted[sorted.length - 1]!.bucket);
  };
  const below = valueAt(Math.floor(rank));
  return below + (valueAt(Math.ceil(rank)) - below) * (rank - Math.floor(rank));
}
