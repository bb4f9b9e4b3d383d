// A multi-turn tool loop against the oracle profile: the model reads each goal, calls the tools it
// needs with arguments taken from the goal, and answers from the results. The tools here are tiny
// in-test stand-ins (the real ones live in agents/tools); what is under test is the model.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimServer } from './server.js';
import { startTestServer, testTools } from './test-support.js';

const corpus: Record<string, string> = {
  'Water': 'Water boils at 100 °C (212 °F) at sea level.',
  'Mount Everest': 'Mount Everest is 8,849 metres tall, the highest mountain above sea level.',
  'Python': 'Python was created by Guido van Rossum and first released in 1991.',
};

function runTool(name: string, argumentsText: string, files: Map<string, string>): string {
  const parsed = JSON.parse(argumentsText) as Record<string, string>;
  switch (name) {
    case 'search_web': {
      const words = parsed.query!.toLowerCase().split(/\W+/).filter((word) => word.length > 3);
      const hit = Object.entries(corpus).find(([title, text]) => words.some((word) => `${title} ${text}`.toLowerCase().includes(word)));
      return hit ? `1. ${hit[0]}\n${hit[1]}` : 'No results.';
    }
    case 'read_file':
      return files.get(parsed.path!) ?? `Error: no such file ${parsed.path}`;
    case 'write_file':
      files.set(parsed.path!, parsed.content!);
      return `Wrote ${parsed.content!.length} bytes to ${parsed.path}`;
    case 'calculator':
      // The test only needs the products and sums its goals use.
      return String(parsed.expression!.split('+').reduce((sum, term) => sum + term.split('*').reduce((product, factor) => product * Number(factor), 1), 0));
    default:
      return `Error: unknown tool ${name}`;
  }
}

let server: RunningSimServer;
let client: OpenAI;

beforeAll(async () => {
  ({ server, client } = await startTestServer());
});
afterAll(() => server.close());

async function runLoop(goal: string, files: Map<string, string>) {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: 'You are a helpful agent.' }, { role: 'user', content: goal }];
  const calls: string[] = [];
  for (let step = 0; step < 10; step++) {
    const message = (await client.chat.completions.create({ model: 'oracle', messages, tools: testTools, seed: 7 })).choices[0]!.message;
    messages.push(message);
    if (!message.tool_calls?.length) return { answer: message.content ?? '', calls };
    for (const call of message.tool_calls) {
      if (call.type !== 'function') continue;
      calls.push(call.function.name);
      messages.push({ role: 'tool', tool_call_id: call.id, content: runTool(call.function.name, call.function.arguments, files) });
    }
  }
  throw new Error(`no answer within 10 steps for: ${goal}`);
}

describe('oracle completes multi-step goals', () => {
  const goals: Array<{ goal: string; calls: string[]; answerContains: string[]; file?: [string, string] }> = [
    { goal: 'Search for the boiling point of water.', calls: ['search_web'], answerContains: ['100 °C'] },
    { goal: 'Who created Python?', calls: ['search_web'], answerContains: ['Guido van Rossum'] },
    { goal: 'Read notes.txt and tell me what it says.', calls: ['read_file'], answerContains: ['budget is 1200'] },
    { goal: 'Calculate 17 * 23 + 4', calls: ['calculator'], answerContains: ['395'] },
    { goal: 'Find the height of Mount Everest, then save it to everest.md', calls: ['search_web', 'write_file'], answerContains: ['everest.md'], file: ['everest.md', '8,849'] },
    { goal: 'Read notes.txt, calculate 1200 * 3 and write "done" to status.txt', calls: ['read_file', 'calculator', 'write_file'], answerContains: ['3600', 'status.txt'], file: ['status.txt', 'done'] },
  ];
  for (const { goal, calls, answerContains, file } of goals) {
    it(goal, async () => {
      const files = new Map([['notes.txt', 'Team notes: the budget is 1200 euros.']]);
      const result = await runLoop(goal, files);
      expect(result.calls).toEqual(calls);
      for (const text of answerContains) expect(result.answer).toContain(text);
      if (file) expect(files.get(file[0])).toContain(file[1]);
    });
  }
});
