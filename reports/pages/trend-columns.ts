// A trend series' points as the trends page hands them to its charts: one array per field rather than
// an object per point. Over 365 days the page carries 2,920 points, and their keys were about half of
// its 570 KiB; the interval's bounds are rounded to a millionth (the charts draw and print them to a
// tenth of a percent). charts.js makes the points again; /api/trends keeps them whole.
import type { TrendPoint } from './trends-page.js';

export interface TrendColumns {
  day: string[];
  runs: number[];
  passed: number[];
  failed: number[];
  errors: number[];
  /** null where no result was graded. */
  rate: Array<number | null>;
  lower: number[];
  upper: number[];
  tokens: number[];
  /** null where no result had a price. */
  costUsd: Array<number | null>;
}

function millionths(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function trendColumns(points: readonly TrendPoint[]): TrendColumns {
  const columns: TrendColumns = { day: [], runs: [], passed: [], failed: [], errors: [], rate: [], lower: [], upper: [], tokens: [], costUsd: [] };
  for (const point of points) {
    columns.day.push(point.day);
    columns.runs.push(point.runs);
    columns.passed.push(point.passed);
    columns.failed.push(point.failed);
    columns.errors.push(point.errors);
    columns.rate.push(Number.isNaN(point.successRate.rate) ? null : millionths(point.successRate.rate));
    columns.lower.push(millionths(point.successRate.lower));
    columns.upper.push(millionths(point.successRate.upper));
    columns.tokens.push(point.tokens);
    columns.costUsd.push(point.costUsd ?? null);
  }
  return columns;
}
