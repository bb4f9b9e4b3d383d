// Public surface of merging shard files into one run (`agentlab merge`).
export { mergeShardFiles } from './merge-shard-files.js';
export type { MergeShardFilesOptions, MergeShardFilesResult } from './merge-shard-files.js';
export { planMerge } from './merge-plan.js';
export type { MergePlan, MergePlanOptions } from './merge-plan.js';
export type { ShardPiece, ShardSource } from './shard-source.js';
