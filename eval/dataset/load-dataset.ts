// Loads a golden dataset (CSV or JSONL) into validated cases, or throws one DatasetError listing every problem in it.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { GoldenCase } from '../golden-case.js';
import { caseFieldNames } from './case-fields.js';
import { DATASET_EXTENSIONS } from './constants.js';
import type { DatasetFormat } from './constants.js';
import type { DatasetProblem } from './dataset-problem.js';
import { DatasetError, DatasetNotFoundError } from './errors.js';
import { quoteValue } from './quote-value.js';
import type { RawCase } from './raw-case.js';
import { readJsonlCases } from './read-jsonl-cases.js';
import { validateCase } from './validate-case.js';

export interface Dataset {
  /** Absolute path of the file. */
  path: string;
  format: DatasetFormat;
  /** SHA-256 of the file's bytes, hex: tells whether two runs used the same dataset. */
  hash: string;
  cases: GoldenCase[];
  /** Line where each case starts, in the order of `cases`: where later checks point an author. */
  caseLines: number[];
  /** Folder of the file, against which each case's `fixtures` resolves. */
  directory: string;
}

export interface LoadDatasetOptions {
  /** Directory a relative path resolves against, and that messages show paths relative to; defaults to `process.cwd()`. */
  cwd?: string;
}

const emptyHints: Record<DatasetFormat, string> = {
  csv: 'add one row per case below the header',
  jsonl: 'write one JSON object per line, such as {"id": "math-1", "goal": "Calculate 17 * 23"}',
};

/**
 * Reads and validates the dataset at `file`. Throws DatasetError (AGENTLAB_DATASET_INVALID) with every problem found,
 * or DatasetNotFoundError (AGENTLAB_DATASET_NOT_FOUND) when the file cannot be read.
 */
export async function loadDataset(file: string, options: LoadDatasetOptions = {}): Promise<Dataset> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  const shown = displayPath(absolute, cwd);
  const extension = path.extname(absolute).toLowerCase();
  const format = DATASET_EXTENSIONS[extension];
  if (format === undefined) {
    const accepted = Object.keys(DATASET_EXTENSIONS).join(', ');
    throw new DatasetError(shown, [{ message: `not a dataset file: the name must end in one of ${accepted}` }]);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    throw new DatasetNotFoundError(shown, error);
  }

  const directory = path.dirname(absolute);
  // csv-parse loads only for CSV files.
  const read = format === 'csv' ? (await import('./read-csv-cases.js')).readCsvCases(bytes) : readJsonlCases(bytes.toString('utf8'));
  const problems: DatasetProblem[] = [...read.problems];
  const cases: GoldenCase[] = [];
  const caseLines: number[] = [];
  for (const raw of read.cases) {
    const validation = validateCase(raw);
    if (validation.goldenCase === undefined) problems.push(...validation.problems);
    else {
      cases.push(validation.goldenCase);
      caseLines.push(raw.line);
      problems.push(...(await checkFixtures(validation.goldenCase, raw.line, directory)));
    }
  }
  problems.push(...findDuplicateIds(read.cases));
  if (read.cases.length === 0 && problems.length === 0) {
    problems.push({ message: `the file has no cases: ${emptyHints[format]}` });
  }
  if (problems.length > 0) throw new DatasetError(shown, sortProblems(problems));
  return { path: absolute, format, hash: createHash('sha256').update(bytes).digest('hex'), cases, caseLines, directory };
}

/** Ids are compared as read, so a case with other problems still claims its id. */
function findDuplicateIds(cases: readonly RawCase[]): DatasetProblem[] {
  const firstLines = new Map<string, number>();
  const problems: DatasetProblem[] = [];
  for (const raw of cases) {
    const id = raw.input.id;
    if (typeof id !== 'string' || id === '') continue;
    const firstLine = firstLines.get(id);
    if (firstLine === undefined) firstLines.set(id, raw.line);
    else problems.push({ line: raw.line, field: 'id', message: `${quoteValue(id)} is already used on line ${firstLine}` });
  }
  return problems;
}

async function checkFixtures(goldenCase: GoldenCase, line: number, directory: string): Promise<DatasetProblem[]> {
  if (goldenCase.fixtures === undefined) return [];
  const folder = path.resolve(directory, goldenCase.fixtures);
  const found = await stat(folder).catch(() => undefined);
  if (found?.isDirectory()) return [];
  const what = found === undefined ? 'does not exist' : 'is not a folder';
  return [{ line, field: 'fixtures', message: `${quoteValue(goldenCase.fixtures)} ${what} (looked for ${folder})` }];
}

/** File order: by line (problems about the whole file first), then within a line by field in schema order. */
function sortProblems(problems: readonly DatasetProblem[]): DatasetProblem[] {
  const fieldOrder = (problem: DatasetProblem) =>
    problem.field === undefined ? -1 : caseFieldNames.indexOf(/^[a-z_]+/.exec(problem.field)?.[0] ?? '');
  return [...problems].sort((first, second) => (first.line ?? 0) - (second.line ?? 0) || fieldOrder(first) - fieldOrder(second));
}

/** The file as messages show it: relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
