// One problem found in a dataset file, located by line and field so a dataset author can go and fix it.

export interface DatasetProblem {
  /** 1-based line in the file where the case (or CSV record) starts; absent for the file as a whole. */
  line?: number;
  /** The field, or a path inside it such as `expected_args.calculator` or `tags[1]`. */
  field?: string;
  message: string;
}

/** `cases.csv:14: expected_tools: expected a list …`, the form editors and terminals link. */
export function formatDatasetProblem(file: string, problem: DatasetProblem): string {
  const location = problem.line === undefined ? file : `${file}:${problem.line}`;
  return problem.field === undefined ? `${location}: ${problem.message}` : `${location}: ${problem.field}: ${problem.message}`;
}
