// The results as a plain-text table for the terminal, columns padded to their widest cell.
import { resultColumns, type ResultRow } from './results-rows.js';

export function textTable(rows: readonly ResultRow[]): string {
  const widths = resultColumns.map(({ key, title }) => Math.max(title.length, ...rows.map((row) => row[key].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => cell.padEnd(widths[index]!))
      .join('  ')
      .trimEnd();
  return [
    line(resultColumns.map(({ title }) => title)),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map((row) => line(resultColumns.map(({ key }) => row[key]))),
  ].join('\n');
}
