// The research the content pipeline's golden dataset expects, done by a real agent: react on
// sim:oracle, offered search_web over the content corpus and scrape, told to search for each topic
// and scrape the top result, reads the topic's page and answers with every expected fact.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProvider, type ModelHandle } from '../../../models/index.js';
import type { ToolCallStep } from '../../core/agent-result.js';
import { runAgent } from '../../core/run-agent.js';
import { agentPatterns } from '../../patterns/index.js';
import { CONTENT_CORPUS_DIRECTORY } from '../constants.js';
import { createSandbox, type Sandbox } from '../sandbox.js';
import { createBuiltInTools, createDefaultRegistry } from './built-in-tools.js';

interface ContentCase {
  id: string;
  goal: string;
  expected_output_contains: string[];
}

const datasetFile = fileURLToPath(new URL('../../../datasets/golden/content.jsonl', import.meta.url));
const cases: ContentCase[] = (await readFile(datasetFile, 'utf8'))
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => JSON.parse(line) as ContentCase);

let provider: ModelProvider;
let oracle: ModelHandle;
let sandbox: Sandbox;

beforeAll(async () => {
  provider = new ModelProvider({ latency: 'zero' });
  oracle = await provider.open('sim:oracle');
  sandbox = await createSandbox({ lazy: true });
});
afterAll(async () => {
  await sandbox.remove();
  await provider.close();
});

describe('react researching the content topics with search_web and scrape', () => {
  it.each(cases.map((testCase) => [testCase.goal.replace(/^Write a lesson on /, ''), testCase] as const))('%s', async (topic, testCase) => {
    const registry = createDefaultRegistry({ sandbox, corpusDirectory: CONTENT_CORPUS_DIRECTORY, scrape: true });
    const result = await runAgent('react', agentPatterns.react, `Search for ${topic} and scrape the top result`, { model: oracle, tools: registry, seed: 1 });
    expect(result.status).toBe('completed');
    const calls = result.steps.filter((step): step is ToolCallStep => step.type === 'tool_call');
    const page = testCase.id.replace(/^content-/, '');
    expect(calls.map((call) => [call.tool, call.ok])).toEqual([['search_web', true], ['scrape', true]]);
    expect(JSON.parse(String(calls[1]?.arguments))).toEqual({ url: `${page}.html` });
    expect(result.output).toContain(`${page}.html says: `);
    for (const fact of testCase.expected_output_contains) expect(result.output, fact).toContain(fact);
  });

  it('offers scrape only to the registries that ask for it', () => {
    expect(createBuiltInTools().map((tool) => tool.name)).not.toContain('scrape');
  });
});
