// Turns benchmark outcomes into the rows shared by the terminal table and the Markdown file,
// and counts what was met, so both outputs say the same thing.
import type { BenchmarkOutcome } from './benchmark.js';
import { isMet } from './figure.js';
import { formatMet, formatTarget, formatValue, noTarget } from './format-figure.js';

export interface ResultRow {
  benchmark: string;
  figure: string;
  value: string;
  target: string;
  met: string;
  detail: string;
}

export const resultColumns: ReadonlyArray<{ key: keyof ResultRow; title: string }> = [
  { key: 'benchmark', title: 'benchmark' },
  { key: 'figure', title: 'figure' },
  { key: 'value', title: 'value' },
  { key: 'target', title: 'target' },
  { key: 'met', title: 'met' },
  { key: 'detail', title: 'how measured' },
];

export function resultRows(outcomes: readonly BenchmarkOutcome[]): ResultRow[] {
  return outcomes.flatMap((outcome): ResultRow[] => {
    if (outcome.error !== undefined) {
      return [{ benchmark: outcome.benchmark, figure: '(failed to run)', value: noTarget, target: noTarget, met: '✗', detail: outcome.error }];
    }
    return outcome.figures.map((figure) => ({
      benchmark: outcome.benchmark,
      figure: figure.name,
      value: formatValue(figure),
      target: formatTarget(figure.target, figure.unit),
      met: formatMet(isMet(figure)),
      detail: figure.detail ?? '',
    }));
  });
}

export interface ResultCounts {
  met: number;
  missed: number;
  informational: number;
  failedBenchmarks: number;
}

export function countResults(outcomes: readonly BenchmarkOutcome[]): ResultCounts {
  const counts: ResultCounts = { met: 0, missed: 0, informational: 0, failedBenchmarks: 0 };
  for (const outcome of outcomes) {
    if (outcome.error !== undefined) counts.failedBenchmarks += 1;
    for (const figure of outcome.figures) {
      const met = isMet(figure);
      if (met === undefined) counts.informational += 1;
      else if (met) counts.met += 1;
      else counts.missed += 1;
    }
  }
  return counts;
}

/** The line under the table; it starts with "PASS" or "FAIL" so CI logs can be searched. */
export function summaryLine(counts: ResultCounts, seconds: number): string {
  const targets = counts.met + counts.missed;
  const parts = [`${counts.met} of ${targets} targets met`];
  if (counts.informational > 0) parts.push(`${counts.informational} informational`);
  if (counts.failedBenchmarks > 0) parts.push(`${counts.failedBenchmarks} benchmark(s) failed to run`);
  const passed = counts.missed === 0 && counts.failedBenchmarks === 0;
  return `${passed ? 'PASS' : 'FAIL'}: ${parts.join(', ')} in ${seconds.toFixed(0)} s`;
}
