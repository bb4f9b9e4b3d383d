// The terminal summary: a table of model × agent, the errors by kind, the comparison with a
// baseline, and the gates.
import type { FlippedCase } from '../statistics/index.js';
import { ERROR_GROUPS_SHOWN, TERMINAL_FLIPPED_SHOWN } from './constants.js';
import { comparisonVerdict, describeFlipped } from './comparison-summary.js';
import { errorGroupLines, errorsHeading } from './error-group-lines.js';
import type { RunSummaryReport } from './run-report.js';
import { passHatKLegend, summaryColumns, summaryRows } from './summary-rows.js';

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
    '',
    passHatKLegend(report.overall.k),
  ];
  if (report.errorGroups.length > 0) {
    const { errors, results } = report.overall;
    lines.push('', `Errors: ${errorsHeading(errors, results, report.errorGroups.length)}`, ...errorGroupLines(report.errorGroups, ERROR_GROUPS_SHOWN).map((text) => `  ${text}`));
  }
  if (report.comparison) {
    const { result } = report.comparison;
    const { verdict, detail } = comparisonVerdict(report.comparison);
    const verdictStyle = verdict === 'regressed' || verdict === 'could not compare' ? 'red' : verdict === 'improved' ? 'green' : 'bold';
    lines.push('', `Compared with ${report.comparison.baselineRunId}: ${paint(verdict, verdictStyle, color)}${detail}`);
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
