// Public surface of bench/workloads: the cases the performance benchmarks send.
export { replyCases, replyDatasetJsonl, replyGoal, replyText, writeReplyDataset } from './reply-cases.js';
export type { ReplyCase } from './reply-cases.js';
