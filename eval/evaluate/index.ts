// Public surface of a whole eval: evaluate() and the pieces `agentlab eval` shares with it.
export { evaluate } from './evaluate.js';
export { describeEvalCassettes } from './eval-cassettes.js';
export type { CassetteOptions, EvalCassettes } from './eval-cassettes.js';
export type { EvaluateOptions, EvaluateResult } from './evaluate.js';
export { resolveStoreReference } from './eval-store-open.js';
export { summarizeRun } from './summarize-run.js';
export type { GateOptions } from './summarize-run.js';
export { writeOutputs } from './write-outputs.js';
export type { OutputFiles } from './write-outputs.js';
export { checkCaseAgents, splitAgentReferences } from './agent-references.js';
export { currentGitCommit } from './git-commit.js';
export { bundledDataset, defaultCaseTimeoutMs, defaultConcurrency, defaultEpochs, defaultModels, defaultSeed } from './constants.js';
export { findStoredRun, summarizeStoredRun } from './stored-run-summary.js';
export { describeShards } from './shard-verdict.js';
export { runIdProblem } from './run-id-option.js';
