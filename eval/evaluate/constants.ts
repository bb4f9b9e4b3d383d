// The defaults of an eval, shared by `agentlab eval` and `evaluate()`.
import { fileURLToPath } from 'node:url';

/** The golden dataset that ships with agentlab. */
export const bundledDataset = fileURLToPath(new URL('../../datasets/golden/agent-tasks.jsonl', import.meta.url));
export const defaultModels: readonly string[] = ['sim:strong', 'sim:weak'];
export const defaultEpochs = 3;
export const defaultConcurrency = 4;
export const defaultSeed = 1;
export const defaultCaseTimeoutMs = 120_000;
/** `--baseline latest` looks at this many recent completed runs on the dataset for one that covers every cell. */
export const latestBaselineCandidates = 20;
