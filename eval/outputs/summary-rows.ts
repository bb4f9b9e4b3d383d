// The cells of the summary table, shared by the terminal and Markdown: one row per model × agent,
// and an `all` row when there is more than one. The error share sits beside the success rate, which
// leaves errors out, and pass^k comes twice: over scored epochs, and counting errors as failures.
import type { ResultSummary } from '../statistics/index.js';
import { formatCount, formatInterval, formatPercent, formatUsd } from './format-figures.js';
import type { RunSummaryReport } from './run-report.js';

export interface SummaryColumn {
  title: string;
  align: 'left' | 'right';
}

function passHatKTitle(k: number): string {
  return k >= 1 ? `pass^${k}` : 'pass^k';
}

/** What the two pass^k columns mean, for a line under the table. */
export function passHatKLegend(k: number): string {
  const title = passHatKTitle(k);
  const tries = k === 1 ? 'a try of a case passes' : `all ${k >= 1 ? k : 'k'} tries of a case pass`;
  return `${title} scored: ${tries}, over scored epochs (errors left out); ${title} strict: errors count as failed tries (as in τ-bench).`;
}

export function summaryColumns(k: number): SummaryColumn[] {
  return [
    { title: 'model', align: 'left' },
    { title: 'agent', align: 'left' },
    { title: 'pass', align: 'right' },
    { title: 'fail', align: 'right' },
    { title: 'error', align: 'right' },
    { title: 'success [95% CI]', align: 'right' },
    { title: 'error share', align: 'right' },
    { title: `${passHatKTitle(k)} scored`, align: 'right' },
    { title: `${passHatKTitle(k)} strict`, align: 'right' },
    { title: 'p50 tokens', align: 'right' },
    { title: 'cost', align: 'right' },
    { title: 'cost/success', align: 'right' },
    { title: 'flaky', align: 'right' },
  ];
}

function cells(model: string, agent: string, summary: ResultSummary): string[] {
  return [
    model,
    agent,
    String(summary.passed),
    String(summary.failed),
    String(summary.errors),
    formatInterval(summary.successRate),
    formatPercent(summary.errorShare),
    formatPercent(summary.passHatK),
    formatPercent(summary.passHatKCountingErrors),
    formatCount(summary.tokens.p50),
    formatUsd(summary.costUsd),
    formatUsd(summary.costPerSuccess),
    String(summary.flaky),
  ];
}

/** Rows in the order of `report.groups`, then `all` when there are several groups. */
export function summaryRows(report: RunSummaryReport): string[][] {
  const rows = report.groups.map((group) => cells(group.model, group.agent, group));
  if (report.groups.length !== 1) rows.push(cells('all', '', report.overall));
  return rows;
}
