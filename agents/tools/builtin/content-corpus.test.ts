// The content pipeline's golden dataset (datasets/golden/content.jsonl) against its corpus
// (datasets/fixtures/content-corpus): one case per page, search_web ranks the topic's page first
// for the topic's wording with the expected facts in its first result, and scrape returns them.
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_CORPUS_DIRECTORY, DEFAULT_CORPUS_DIRECTORY } from '../constants.js';
import { createSandbox, type Sandbox } from '../sandbox.js';
import { ToolRegistry } from '../tool-registry.js';
import { createScrapeTool } from './scrape.js';
import { createSearchWebTool } from './search-web.js';

interface ContentCase {
  id: string;
  goal: string;
  expected_output_contains: string[];
  tags: string[];
}

const datasetFile = fileURLToPath(new URL('../../../datasets/golden/content.jsonl', import.meta.url));
const subjects = ['biology', 'chemistry', 'physics', 'history', 'geography', 'computing'];
const goalPrefix = 'Write a lesson on ';

const cases: ContentCase[] = (await readFile(datasetFile, 'utf8'))
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => JSON.parse(line) as ContentCase);

const pageOf = (testCase: ContentCase) => testCase.id.replace(/^content-/, '');
const topicOf = (testCase: ContentCase) => testCase.goal.slice(goalPrefix.length);

let sandbox: Sandbox;
let registry: ToolRegistry;
let callNumber = 0;

beforeAll(async () => {
  sandbox = await createSandbox({ lazy: true });
  registry = new ToolRegistry([createSearchWebTool({ corpusDirectory: CONTENT_CORPUS_DIRECTORY }), createScrapeTool()], { sandbox });
});

afterAll(async () => {
  await sandbox.remove();
});

async function call(name: string, args: Record<string, unknown>) {
  callNumber += 1;
  return registry.execute({ id: `call-${callNumber}`, name, arguments: JSON.stringify(args) });
}

describe('the content golden dataset', () => {
  it('has one case per corpus page, at least 30 topics, each tagged with one of six subjects', async () => {
    const pages = (await readdir(CONTENT_CORPUS_DIRECTORY)).filter((name) => name.endsWith('.html')).map((name) => name.slice(0, -5)).sort();
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(cases.map(pageOf).sort()).toEqual(pages);
    for (const testCase of cases) {
      expect(testCase.goal.startsWith(goalPrefix), testCase.id).toBe(true);
      expect(testCase.tags[0]).toBe('content');
      expect(subjects, testCase.id).toContain(testCase.tags[1]);
      expect(testCase.expected_output_contains.length, testCase.id).toBeGreaterThan(0);
    }
    expect(new Set(cases.map((testCase) => testCase.tags[1]))).toEqual(new Set(subjects));
  });

  // The goal as written, the topic as enqueued ("Photosynthesis for AP Biology") and its subject alone
  // ("Photosynthesis"), the researcher's wider retry.
  const wordings = cases.flatMap((testCase) =>
    [testCase.goal, topicOf(testCase), topicOf(testCase).replace(/ for .*$/, '')].map((wording) => [wording, testCase] as const),
  );

  it.each(wordings)(
    'search_web ranks the page first for "%s", its facts in the first result',
    async (topic, testCase) => {
      const { ok, content } = await call('search_web', { query: topic });
      expect(ok).toBe(true);
      const [firstResult = ''] = content.split('\n\n');
      expect(firstResult.split('\n')[0]).toMatch(new RegExp(`\\(${pageOf(testCase)}\\.html\\)$`));
      // The simulated model quotes about 320 characters of the first result: the facts must be there.
      const quoted = firstResult.split('\n').slice(1).join(' ').trim().slice(0, 320);
      for (const fact of testCase.expected_output_contains) expect(quoted, fact).toContain(fact);
    },
  );

  it.each(cases.map((testCase) => [pageOf(testCase), testCase] as const))('scrape returns the facts of %s', async (page, testCase) => {
    const { ok, content } = await call('scrape', { url: `https://corpus.agentlab.test/${page}` });
    expect(ok).toBe(true);
    for (const fact of testCase.expected_output_contains) expect(content, fact).toContain(fact);
  });

  it('lives apart from the bundled eval corpus, which search_web reads by default', async () => {
    const defaultNames = await readdir(DEFAULT_CORPUS_DIRECTORY);
    expect(defaultNames).not.toContain('ohms-law.html');
    const plain = new ToolRegistry([createSearchWebTool()], { sandbox });
    const { content } = await plain.execute({ id: 'call-default', name: 'search_web', arguments: JSON.stringify({ query: "Ohm's law V = IR" }) });
    expect(content).not.toContain('ohms-law');
  });
});
