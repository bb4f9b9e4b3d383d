// Public surface of the dataset loader: golden datasets in CSV or JSONL, validated with every problem reported at once.
export { loadDataset } from './load-dataset.js';
export type { Dataset, LoadDatasetOptions } from './load-dataset.js';
export { DatasetError, DatasetNotFoundError } from './errors.js';
export { checkToolNames } from './tool-names.js';
export type { AgentTools } from './tool-names.js';
export type { DatasetErrorCode } from './errors.js';
export { formatDatasetProblem } from './dataset-problem.js';
export type { DatasetProblem } from './dataset-problem.js';
export { DATASET_EXTENSIONS } from './constants.js';
export type { DatasetFormat } from './constants.js';
