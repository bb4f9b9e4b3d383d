// bench/RESULTS.md: the latest figures as a Markdown table, with the date, machine and command.
import type { BenchReport } from './bench-report.js';
import { machineSummary } from './machine.js';
import { countResults, resultColumns, resultRows, summaryLine } from './results-rows.js';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function resultsMarkdown(report: BenchReport): string {
  const rows = resultRows(report.outcomes);
  const table = [
    `| ${resultColumns.map(({ title }) => title).join(' | ')} |`,
    `| ${resultColumns.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${resultColumns.map(({ key }) => cell(row[key])).join(' | ')} |`),
  ];
  return [
    '# Benchmark results',
    '',
    `Latest run: **${report.date}**, on ${machineSummary(report.machine)}, ${report.runs} runs per figure.`,
    '',
    `Reproduce with \`${report.command}\`; what each figure means is in [README.md](README.md).`,
    '',
    ...table,
    '',
    summaryLine(countResults(report.outcomes), report.seconds),
    '',
  ].join('\n');
}
