// The simulated model and a scrape tool: "Scrape <address>" reads that page; "Search for X and scrape
// the top result" reads the page the first search result names; with nothing to scrape, or no scrape
// tool offered, it does not try; goals without the word behave as before. Over HTTP, with in-test tools.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimServer } from './server.js';
import { startTestServer, testTools } from './test-support.js';

const scrapeTool: ChatCompletionTool = {
  type: 'function',
  function: { name: 'scrape', description: 'Read a web page as text', parameters: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] } },
};

const dnaPage =
  'DNA (https://corpus.agentlab.test/dna)\nDNA carries the genetic instructions of every living thing. Its double helix was described in 1953.\n\nEach strand is a chain of nucleotides.';

function runTool(name: string, args: Record<string, string>): string {
  if (name === 'search_web') {
    return /dna/i.test(args.query ?? '') ? '1. DNA (dna.html)\n   DNA carries the genetic instructions of every living thing.\n\n2. Mars (mars.html)\n   Mars has two moons.' : 'No documents matched.';
  }
  if (name === 'scrape') {
    return ['dna.html', 'https://corpus.agentlab.test/dna'].includes(args.url ?? '') ? dnaPage : `Error: no page at ${args.url}`;
  }
  return `Error: unknown tool ${name}`;
}

let server: RunningSimServer;
let client: OpenAI;

beforeAll(async () => {
  ({ server, client } = await startTestServer());
});
afterAll(() => server.close());

async function runLoop(goal: string, tools: ChatCompletionTool[] = [...testTools, scrapeTool]) {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: 'You are a researcher.' }, { role: 'user', content: goal }];
  const calls: Array<{ name: string; arguments: Record<string, string> }> = [];
  for (let step = 0; step < 6; step++) {
    const message = (await client.chat.completions.create({ model: 'oracle', messages, tools, seed: 5 })).choices[0]!.message;
    messages.push(message);
    if (!message.tool_calls?.length) return { answer: message.content ?? '', calls };
    for (const call of message.tool_calls) {
      if (call.type !== 'function') continue;
      const args = JSON.parse(call.function.arguments) as Record<string, string>;
      calls.push({ name: call.function.name, arguments: args });
      messages.push({ role: 'tool', tool_call_id: call.id, content: runTool(call.function.name, args) });
    }
  }
  throw new Error(`no answer within 6 steps for: ${goal}`);
}

describe('scrape goals on the simulator', () => {
  it('scrapes the address the goal gives and quotes the page', async () => {
    const { calls, answer } = await runLoop('Scrape https://corpus.agentlab.test/dna.');
    expect(calls).toEqual([{ name: 'scrape', arguments: { url: 'https://corpus.agentlab.test/dna' } }]);
    expect(answer).toContain('https://corpus.agentlab.test/dna says: DNA (https://corpus.agentlab.test/dna) DNA carries the genetic instructions');
  });

  it('searches, then scrapes the page the first result names', async () => {
    const { calls, answer } = await runLoop('Search for DNA for AP Biology and scrape the top result');
    expect(calls).toEqual([
      { name: 'search_web', arguments: { query: 'DNA for AP Biology' } },
      { name: 'scrape', arguments: { url: 'dna.html' } },
    ]);
    expect(answer).toContain('dna.html says: DNA (https://corpus.agentlab.test/dna) DNA carries the genetic instructions of every living thing. Its double helix was described in 1953.');
  });

  it('does not scrape when the search found no page, nor when no scrape tool is offered', async () => {
    expect((await runLoop('Search for xylophones and scrape the top result')).calls.map((call) => call.name)).toEqual(['search_web']);
    expect((await runLoop('Search for DNA and scrape the top result', testTools)).calls.map((call) => call.name)).toEqual(['search_web']);
  });

  it('gives up on a page that fails, saying so', async () => {
    const { calls, answer } = await runLoop('Scrape https://corpus.agentlab.test/nope');
    expect(calls).toHaveLength(1);
    expect(answer).toBe('I could not scrape https://corpus.agentlab.test/nope: Error: no page at https://corpus.agentlab.test/nope');
  });

  it('leaves goals without the word alone, scrape tool offered or not', async () => {
    expect((await runLoop('Search for DNA')).calls).toEqual([{ name: 'search_web', arguments: { query: 'DNA' } }]);
  });
});
