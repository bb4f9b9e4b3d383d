// Errors of the dataset loader that a user can see, each with a stable code.
import { AgentlabError } from '../../models/index.js';
import { formatDatasetProblem } from './dataset-problem.js';
import type { DatasetProblem } from './dataset-problem.js';

export type DatasetErrorCode = 'AGENTLAB_DATASET_INVALID' | 'AGENTLAB_DATASET_NOT_FOUND';

/** A dataset file with one or more problems; `problems` lists every one of them, in file order. */
export class DatasetError extends AgentlabError {
  /** The file as shown to the user (relative to the working directory when inside it). */
  readonly file: string;
  readonly problems: DatasetProblem[];

  constructor(file: string, problems: DatasetProblem[]) {
    const lines = problems.map((problem) => `  ${formatDatasetProblem(file, problem)}`);
    const noun = problems.length === 1 ? 'problem' : 'problems';
    super('AGENTLAB_DATASET_INVALID', `${file} has ${problems.length} ${noun}:\n${lines.join('\n')}`);
    this.file = file;
    this.problems = problems;
  }
}

/** A dataset file that does not exist or cannot be read. */
export class DatasetNotFoundError extends AgentlabError {
  readonly file: string;

  constructor(file: string, cause?: unknown) {
    super('AGENTLAB_DATASET_NOT_FOUND', `Dataset file ${file} does not exist or cannot be read.`, { cause });
    this.file = file;
  }
}
