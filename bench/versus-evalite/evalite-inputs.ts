// The evalite side's eval, written for each run into a folder of its own outside the repository
// (vitest, which evalite runs on, would otherwise find agentlab's own vitest config up the tree),
// with `node_modules` linked to bench/peers: an `.eval.ts` file whose task sends each case's goal as
// the user message through the openai client (as promptfoo's `{{goal}}` prompt does) and one
// `contains` scorer, and an evalite config with the concurrency, no table, and its results in a
// fresh SQLite file in the folder.
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { peersNodeModules } from '../peer-tools/index.js';
import { SIM_API_KEY, SIM_MODEL } from '../versus-promptfoo/constants.js';

export const casesFileName = 'cases.json';
export const evalFileName = 'reply.eval.ts';

const evalFile = `// Written by agentlab's versus-evalite benchmark.
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { createScorer, evalite } from 'evalite';

const cases: Array<{ goal: string; expected: string }> = JSON.parse(readFileSync(new URL('./${casesFileName}', import.meta.url), 'utf8'));
const client = new OpenAI({ baseURL: process.env.BENCH_SIM_BASE_URL, apiKey: ${JSON.stringify(SIM_API_KEY)}, maxRetries: 0 });
const contains = createScorer<string, string, string>({
  name: 'contains',
  scorer: ({ output, expected }) => (expected !== undefined && output.includes(expected) ? 1 : 0),
});

evalite<string, string, string>('reply cases', {
  data: cases.map(({ goal, expected }) => ({ input: goal, expected })),
  task: async (input) => {
    const completion = await client.chat.completions.create({ model: ${JSON.stringify(SIM_MODEL)}, messages: [{ role: 'user', content: input }] });
    return completion.choices[0]?.message.content ?? '';
  },
  scorers: [contains],
});
`;

function configFile(concurrency: number): string {
  return `// Written by agentlab's versus-evalite benchmark.
import { createSqliteStorage } from 'evalite/sqlite-storage';

export default { maxConcurrency: ${concurrency}, hideTable: true, storage: () => createSqliteStorage('./evalite.sqlite') };
`;
}

/** Fills an empty run folder with the eval, its cases, its config and the link to the peers' packages. */
export async function writeEvaliteInputs(runDirectory: string, cases: ReadonlyArray<{ goal: string; expected: string }>, concurrency: number): Promise<void> {
  await symlink(peersNodeModules, path.join(runDirectory, 'node_modules'), 'dir');
  await writeFile(path.join(runDirectory, casesFileName), JSON.stringify(cases.map(({ goal, expected }) => ({ goal, expected }))));
  await writeFile(path.join(runDirectory, evalFileName), evalFile);
  await writeFile(path.join(runDirectory, 'evalite.config.mjs'), configFile(concurrency));
}
