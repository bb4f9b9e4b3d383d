// Renders rows as a plain-text table with aligned columns, for terminal output.

export interface TableColumn {
  header: string;
  align?: 'left' | 'right';
}

/** Columns are separated by two spaces; the last left-aligned column is not padded, to avoid trailing blanks. */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const render = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        const width = widths[index] ?? 0;
        if (column.align === 'right') return cell.padStart(width);
        return index === columns.length - 1 ? cell : cell.padEnd(width);
      })
      .join('  ');
  return [render(columns.map((column) => column.header)), ...rows.map(render)].join('\n') + '\n';
}
