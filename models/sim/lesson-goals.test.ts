// The simulated model and lessons: a goal with a word it does not know ("Tally 18, 27 and 41") is answered
// "I do not have enough information" until the system prompt carries a lesson of the form
// `"<word>" means <action words>`; then it reads the goal with the word replaced. Over HTTP.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWordLessons, parseWordLesson, readLessons } from './policy/lesson-rules.js';
import type { RunningSimServer } from './server.js';
import { startTestServer, testTools } from './test-support.js';

let server: RunningSimServer;
let client: OpenAI;

beforeAll(async () => {
  ({ server, client } = await startTestServer());
});
afterAll(() => server.close());

const tallyLesson = '"Tally" means add up: use the calculator.';

function systemWith(lessons: string[]): string {
  return `You are a helpful agent.\n\nLessons from similar past tasks:\n${lessons.map((lesson) => `- ${lesson}`).join('\n')}`;
}

async function turn(goal: string, system: string, model = 'oracle', extra: ChatCompletionMessageParam[] = []) {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: system }, { role: 'user', content: goal }, ...extra];
  return (await client.chat.completions.create({ model, messages, tools: testTools, seed: 3 })).choices[0]!.message;
}

describe('lessons on the simulator', () => {
  it('without a lesson "tally" is not an action, on every profile', async () => {
    for (const model of ['oracle', 'strong']) {
      const message = await turn('Tally 18, 27 and 41', 'You are a helpful agent.', model);
      expect(message.tool_calls).toBeUndefined();
      expect(message.content).toContain('I do not have enough information');
    }
  });

  it('with the lesson it adds the numbers up with the calculator and answers with the sum', async () => {
    const first = await turn('Tally 18, 27 and 41', systemWith(['Always cite sources.', tallyLesson]));
    const call = first.tool_calls![0]!;
    expect(call.type === 'function' && [call.function.name, JSON.parse(call.function.arguments)]).toEqual(['calculator', { expression: '18 + 27 + 41' }]);
    const answer = await turn('Tally 18, 27 and 41', systemWith([tallyLesson]), 'oracle', [
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: call.id, content: '86' },
    ]);
    expect(answer.content).toBe('18 + 27 + 41 = 86.');
  });

  it('a lesson about another word, or in another form, changes nothing', async () => {
    for (const lessons of [['"Reckon" means calculate.'], ['Tally means add up.'], ['When asked to tally, use the calculator.']]) {
      const message = await turn('Tally 18, 27 and 41', systemWith(lessons));
      expect(message.content).toContain('I do not have enough information');
    }
  });

  it('a lesson outside the lessons block is not read', async () => {
    const message = await turn('Tally 18, 27 and 41', `You are a helpful agent. ${tallyLesson}`);
    expect(message.content).toContain('I do not have enough information');
  });

  it('"add up" sums a list of numbers by itself', async () => {
    const message = await turn('Add up 12, 30 and 8', 'You are a helpful agent.');
    const call = message.tool_calls![0]!;
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ expression: '12 + 30 + 8' });
  });
});

describe('lesson rules', () => {
  it('reads the bullets under the heading, up to the first line that is not one', () => {
    expect(readLessons(`Intro.\nLessons from similar past tasks:\n- one\n* two\n\n- not a lesson`)).toEqual(['one', 'two']);
    expect(readLessons('No lessons here.')).toEqual([]);
  });

  it('parses "<word>" means <action words>, the meaning ending at the first punctuation', () => {
    expect(parseWordLesson(tallyLesson)).toEqual({ word: 'Tally', meaning: 'add up' });
    expect(parseWordLesson('“Tot up” means add up, nothing else')).toEqual({ word: 'Tot up', meaning: 'add up' });
    expect(parseWordLesson('"Tally" means: use a tool')).toBeUndefined();
    expect(parseWordLesson('Use the calculator for sums.')).toBeUndefined();
  });

  it('replaces whole words in any case, never inside quotes or inside other words', () => {
    const lessons = [{ word: 'tally', meaning: 'add up' }];
    expect(applyWordLessons('Please TALLY 1, 2 and 3', lessons)).toBe('Please add up 1, 2 and 3');
    expect(applyWordLessons('Write "tally 5" to tallyho.txt', lessons)).toBe('Write "tally 5" to tallyho.txt');
  });
});
