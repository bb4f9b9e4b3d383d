// Writes the same cases twice: as an agentlab JSONL golden dataset and as a promptfoo config that
// calls the simulator through promptfoo's OpenAI chat provider.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SIM_API_KEY, SIM_MODEL } from './constants.js';
import { replyDatasetJsonl, type ReplyCase } from '../workloads/index.js';

export interface EvalInputs {
  datasetPath: string;
  promptfooConfigPath: string;
}

function promptfooConfig(cases: readonly ReplyCase[], simBaseURL: string): object {
  return {
    description: 'agentlab vs promptfoo: single-turn replies from the agentlab simulator',
    prompts: ['{{goal}}'],
    providers: [{ id: `openai:chat:${SIM_MODEL}`, config: { apiBaseUrl: simBaseURL, apiKey: SIM_API_KEY } }],
    tests: cases.map(({ goal, expected }) => ({ vars: { goal }, assert: [{ type: 'contains', value: expected }] })),
  };
}

export async function writeEvalInputs(directory: string, cases: readonly ReplyCase[], simBaseURL: string): Promise<EvalInputs> {
  const datasetPath = path.join(directory, 'reply-cases.jsonl');
  const promptfooConfigPath = path.join(directory, 'promptfooconfig.json');
  await writeFile(datasetPath, replyDatasetJsonl(cases));
  await writeFile(promptfooConfigPath, `${JSON.stringify(promptfooConfig(cases, simBaseURL), null, 2)}\n`);
  return { datasetPath, promptfooConfigPath };
}
