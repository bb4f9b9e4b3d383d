// Reads the cases of a CSV dataset: a header row naming fields, then one case per record, each cell converted to
// the value its field expects. Problems are collected, not thrown, so that a file's every problem shows at once.
import { CsvError, parse } from 'csv-parse/sync';
import { caseFieldNames, caseFields } from './case-fields.js';
import { convertCell } from './csv-cell.js';
import type { DatasetProblem } from './dataset-problem.js';
import { LineLocator } from './line-locator.js';
import { quoteValue } from './quote-value.js';
import type { RawCase, ReadCases } from './raw-case.js';
import { describeUnknownField } from './validate-case.js';

interface CsvRecord {
  cells: string[];
  line: number;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function readCsvCases(fileBytes: Buffer): ReadCases {
  // The BOM goes before parsing so that csv-parse's byte offsets match ours.
  const hasBom = UTF8_BOM.every((byte, index) => fileBytes[index] === byte);
  const bytes = hasBom ? fileBytes.subarray(UTF8_BOM.length) : fileBytes;
  const { records, problem } = parseRecords(bytes);
  const [header, ...rows] = records;
  if (header === undefined) {
    const empty = { message: `the file is empty: the first row must name the columns, such as ${caseFieldNames.slice(0, 3).join(',')}` };
    return { cases: [], problems: [problem ?? empty] };
  }
  const { columns, problems } = readHeader(header);
  const missingRequired = new Set([...caseFields].filter(([, field]) => field.required).map(([name]) => name));
  for (const name of columns) if (name !== undefined) missingRequired.delete(name);
  for (const name of missingRequired) problems.push({ line: header.line, message: `missing column ${quoteValue(name)}: every case needs one` });

  const cases: RawCase[] = [];
  for (const row of rows) {
    if (row.cells.length !== columns.length) {
      // Cells out of step with the header would be read into the wrong fields; one problem says more than many.
      problems.push({ line: row.line, message: `has ${row.cells.length} cells but the header names ${columns.length} columns` });
      continue;
    }
    cases.push(readRow(row, columns, problems, missingRequired));
  }
  if (problem !== undefined) problems.push(problem);
  return { cases, problems };
}

/** Every record with the line it starts on; a CSV syntax error ends the reading with a problem. */
function parseRecords(bytes: Buffer): { records: CsvRecord[]; problem?: DatasetProblem } {
  const records: CsvRecord[] = [];
  const locator = new LineLocator(bytes);
  let recordStart = 0;
  try {
    parse(bytes, {
      bom: true,
      trim: true,
      relax_quotes: false,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // Records are kept here rather than from parse()'s result so that those before a syntax error survive it.
      on_record: (cells: string[], context) => {
        records.push({ cells, line: locator.lineOfContentFrom(recordStart) });
        recordStart = context.bytes;
        return cells;
      },
    });
    return { records };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { records, problem: { line: locator.lineOfContentFrom(recordStart), message: describeCsvError(error) } };
  }
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell that starts in this record is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted cell has text after its closing quote (write a quote inside a quoted cell as "")';
    default:
      return `not valid CSV (${error.message})`;
  }
}

/** The field each column holds, undefined for columns that name no field. */
function readHeader(header: CsvRecord): { columns: Array<string | undefined>; problems: DatasetProblem[] } {
  const problems: DatasetProblem[] = [];
  const seen = new Map<string, number>();
  const columns = header.cells.map((name, index) => {
    const position = index + 1;
    if (name === '') {
      problems.push({ line: header.line, message: `column ${position} has no name` });
      return undefined;
    }
    if (!caseFields.has(name)) {
      problems.push({ line: header.line, message: describeUnknownField(name, 'column') });
      return undefined;
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      problems.push({ line: header.line, message: `column ${quoteValue(name)} appears twice (columns ${earlier} and ${position})` });
      return undefined;
    }
    seen.set(name, position);
    return name;
  });
  return { columns, problems };
}

function readRow(
  row: CsvRecord,
  columns: ReadonlyArray<string | undefined>,
  problems: DatasetProblem[],
  missingColumns: ReadonlySet<string>,
): RawCase {
  const input: Record<string, unknown> = {};
  const reportedFields = new Set(missingColumns);
  columns.forEach((name, index) => {
    const field = name === undefined ? undefined : caseFields.get(name);
    if (name === undefined || field === undefined) return;
    const cell = row.cells[index] ?? '';
    if (cell === '') {
      // An empty cell means "not set"; for a required field that is a problem worth saying in CSV terms.
      if (field.required) {
        problems.push({ line: row.line, field: name, message: 'required, but the cell is empty' });
        reportedFields.add(name);
      }
      return;
    }
    const conversion = convertCell(field.kind, cell);
    if ('error' in conversion) {
      problems.push({ line: row.line, field: name, message: conversion.error });
      reportedFields.add(name);
      return;
    }
    input[name] = conversion.value;
  });
  return { line: row.line, input, reportedFields };
}
