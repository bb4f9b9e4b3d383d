// The simulated model and long-term memory tools: "Remember that X" calls a remember tool with the
// fact, "What do you remember about Y" and "Recall Y" call a recall tool with the topic, and nothing
// changes for goals that do not ask, or when no memory tool is offered. Over HTTP, with in-test tools.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimServer } from './server.js';
import { startTestServer, testTools } from './test-support.js';

const memoryTools: ChatCompletionTool[] = [
  { type: 'function', function: { name: 'remember', description: 'Store a fact in long-term memory', parameters: { type: 'object', properties: { content: { type: 'string' } }, required: ['content'] } } },
  { type: 'function', function: { name: 'recall', description: 'Recall facts from long-term memory', parameters: { type: 'object', properties: { query: { type: 'string' }, k: { type: 'integer', default: 5 } }, required: ['query'] } } },
];

let server: RunningSimServer;
let client: OpenAI;

beforeAll(async () => {
  ({ server, client } = await startTestServer());
});
afterAll(() => server.close());

async function firstTurn(goal: string, tools: ChatCompletionTool[] = [...testTools, ...memoryTools]) {
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: goal }];
  const message = (await client.chat.completions.create({ model: 'oracle', messages, tools, seed: 3 })).choices[0]!.message;
  const calls = (message.tool_calls ?? []).flatMap((call) => (call.type === 'function' ? [{ name: call.function.name, arguments: JSON.parse(call.function.arguments) as unknown }] : []));
  return { message, calls, messages };
}

describe('memory goals on the simulator', () => {
  it.each([
    ['Remember that the office wifi password is hunter2', 'the office wifi password is hunter2'],
    ['Please remember: Priya owns the 48,000.50 EUR budget.', 'Priya owns the 48,000.50 EUR budget'],
    ['Memorize "the launch moved to 21 March"', 'the launch moved to 21 March'],
    ['Keep in mind that we must find a venue and send the invite', 'we must find a venue and send the invite'],
  ])('%s → remember the fact, action words in it included', async (goal, content) => {
    const { calls } = await firstTurn(goal);
    expect(calls).toEqual([{ name: 'remember', arguments: { content } }]);
  });

  it.each([
    ['What do you remember about the wifi password?', 'the wifi password'],
    ['Do you remember the launch date?', 'the launch date'],
    ['Recall the budget owner', 'the budget owner'],
    ['Remind me what the staging port is', 'the staging port is'],
  ])('%s → recall the topic', async (goal, query) => {
    const { calls } = await firstTurn(goal);
    expect(calls).toEqual([{ name: 'recall', arguments: { query } }]);
  });

  it('does the other actions of the goal after the fact\'s sentence, in order', async () => {
    const goal = 'Remember that the venue is in Lyon. Then search for the boiling point of water';
    const { calls, message, messages } = await firstTurn(goal);
    expect(calls).toEqual([{ name: 'remember', arguments: { content: 'the venue is in Lyon' } }]);
    messages.push(message, { role: 'tool', tool_call_id: message.tool_calls![0]!.id, content: 'Remembered: the venue is in Lyon (memory 1 in namespace "default")' });
    const next = (await client.chat.completions.create({ model: 'oracle', messages, tools: [...testTools, ...memoryTools], seed: 3 })).choices[0]!.message;
    expect(next.tool_calls?.map((call) => (call.type === 'function' ? call.function.name : ''))).toEqual(['search_web']);
  });

  it('answers from the best recalled memory', async () => {
    const { message, messages } = await firstTurn('What do you remember about the wifi password?');
    messages.push(message, {
      role: 'tool',
      tool_call_id: message.tool_calls![0]!.id,
      content: '1. The office wifi password is hunter2\n   similarity 0.71, remembered 2026-12-05\n\n2. Lunch is at noon\n   similarity 0.05, remembered 2026-12-01',
    });
    const answer = (await client.chat.completions.create({ model: 'oracle', messages, tools: [...testTools, ...memoryTools], seed: 3 })).choices[0]!.message;
    expect(answer.tool_calls ?? []).toEqual([]);
    expect(answer.content).toBe('From memory: The office wifi password is hunter2');
  });

  it('leaves other goals alone when memory tools are offered, and never calls them when they are not', async () => {
    expect((await firstTurn('Search for the boiling point of water')).calls).toEqual([{ name: 'search_web', arguments: { query: 'the boiling point of water' } }]);
    expect((await firstTurn('Who created Python?')).calls).toEqual([{ name: 'search_web', arguments: { query: 'Who created Python' } }]);
    const without = await firstTurn('Remember that the office wifi password is hunter2', testTools);
    expect(without.calls).toEqual([]);
  });
});
