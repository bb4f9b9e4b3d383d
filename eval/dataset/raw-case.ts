// A case as read from a file, before validation: what the CSV and JSONL readers hand to the checks they share.
import type { DatasetProblem } from './dataset-problem.js';

export interface RawCase {
  /** Line where the case starts. */
  line: number;
  /** Field values as read; fields left out take their schema defaults. */
  input: Record<string, unknown>;
  /** Fields whose problems the reader has already reported, so validation does not report them again. */
  reportedFields: ReadonlySet<string>;
}

/** What a reader found: the cases it could read, and the problems that kept it from reading others. */
export interface ReadCases {
  cases: RawCase[];
  problems: DatasetProblem[];
}
