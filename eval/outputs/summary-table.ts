// The terminal summary: a table of model × agent, the comparison with a baseline, and the gates.
import type { FlippedCase } from '../statistics/index.js';
import { TERMINAL_FLIPPED_SHOWN } from './constants.js';
import { describeComparison, describeFlipped } from './comparison-summary.js';
import type { RunSummaryReport } from './run-report.js';
import { summaryColumns, summaryRows } from './summary-rows.js';

export interface SummaryTableOptions {
  /** ANSI colours for gates and the verdict; off by default so the text can go anywhere. */
  color?: boolean;
}

const ANSI = { bold: 1, red: 31, green: 32 } as const;

function paint(text: string, style: keyof typeof ANSI, enabled: boolean): string {
  return enabled ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
}

function flippedList(label: string, flips: readonly FlippedCase[]): string | undefined {
  if (flips.length === 0) return undefined;
  const shown = flips.slice(0, TERMINAL_FLIPPED_SHOWN).map(describeFlipped).join(', ');
  const more = flips.length > TERMINAL_FLIPPED_SHOWN ? `, … ${flips.length - TERMINAL_FLIPPED_SHOWN} more` : '';
  return `  ${label}: ${shown}${more}`;
}

export function formatSummaryTable(report: RunSummaryReport, options: SummaryTableOptions = {}): string {
  const color = options.color === true;
  const columns = summaryColumns(report.overall.k);
  const rows = summaryRows(report);
  const widths = columns.map((column, index) => Math.max(column.title.length, ...rows.map((row) => row[index]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, index) => (columns[index]!.align === 'left' ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!)))
      .join('  ')
      .trimEnd();
  const lines = [
    `Run ${report.run.id}: ${report.overall.results} results`,
    '',
    paint(line(columns.map((column) => column.title)), 'bold', color),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...rows.map(line),
  ];
  if (report.comparison) {
    const { result } = report.comparison;
    const verdictStyle = result.verdict === 'regressed' ? 'red' : result.verdict === 'improved' ? 'green' : 'bold';
    lines.push('', `Compared with ${report.comparison.baselineRunId}: ${paint(result.verdict, verdictStyle, color)} ${describeComparison(report.comparison)}`);
    for (const list of [flippedList('regressions', result.flipped.regressions), flippedList('improvements', result.flipped.improvements)]) {
      if (list) lines.push(list);
    }
  }
  if (report.gates.length > 0) {
    lines.push('', 'Gates:');
    for (const gate of report.gates) lines.push(`  ${gate.passed ? paint('✓', 'green', color) : paint('✗', 'red', color)} ${gate.gate}: ${gate.detail}`);
  }
  return lines.join('\n');
}
