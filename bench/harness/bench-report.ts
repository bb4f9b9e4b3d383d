// Everything one `npm run bench` measured, with when and where: the source of the JSON file
// (`--json`) and of bench/RESULTS.md (`--markdown`).
import type { BenchmarkOutcome } from './benchmark.js';
import { isMet } from './figure.js';
import type { Machine } from './machine.js';

export interface BenchReport {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** The command that reproduces the run. */
  command: string;
  machine: Machine;
  runs: number;
  seconds: number;
  outcomes: BenchmarkOutcome[];
}

export function localDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The report as JSON, each figure carrying `met` (true, false, or null without a target). */
export function reportJson(report: BenchReport): string {
  const outcomes = report.outcomes.map((outcome) => ({
    ...outcome,
    figures: outcome.figures.map((figure) => ({ ...figure, met: isMet(figure) ?? null })),
  }));
  return `${JSON.stringify({ ...report, outcomes }, null, 2)}\n`;
}
