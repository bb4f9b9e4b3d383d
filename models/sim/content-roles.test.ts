// The simulator as the content pipeline's fact-checker and formatter (policy/fact-check.ts and
// policy/lesson-package.ts), over HTTP through the openai client.
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimServer } from './server.js';
import { startTestServer } from './test-support.js';

let server: RunningSimServer;
let client: OpenAI;

beforeAll(async () => {
  ({ server, client } = await startTestServer());
});
afterAll(async () => {
  await server.close();
});

const claimSchema = {
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: {
        type: 'object',
        properties: { claim: { type: 'string' }, verdict: { type: 'string', enum: ['supported', 'unsupported', 'unclear'] }, sources: { type: 'array', items: { type: 'string' } }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
        required: ['claim', 'verdict', 'sources', 'confidence'],
        additionalProperties: false,
      },
    },
  },
  required: ['claims'],
  additionalProperties: false,
};

async function structured(name: string, schema: Record<string, unknown>, messages: OpenAI.ChatCompletionMessageParam[]): Promise<Record<string, unknown>> {
  const completion = await client.chat.completions.create({ model: 'oracle', messages, response_format: { type: 'json_schema', json_schema: { name, schema, strict: true } } });
  return JSON.parse(completion.choices[0]!.message.content!) as Record<string, unknown>;
}

describe('the simulator as a fact-checker', () => {
  it('supports a claim the evidence states, rejects one whose number differs and one the evidence does not hold, citing the source', async () => {
    const result = await structured('fact_check', claimSchema, [
      { role: 'user', content: 'Give a verdict on each claim of the lesson draft on water, from the evidence.' },
      { role: 'user', content: 'Context: Evidence:\n- At sea level pure water boils at 100 degrees Celsius. [water-boiling-point.html]\n- Water freezes at 0 degrees Celsius. [water-boiling-point.html]' },
      { role: 'user', content: 'Draft to check:\nAt sea level pure water boils at 100 degrees Celsius. Water freezes at 10 degrees Celsius. Penguins migrate across deserts every winter.' },
    ]);
    expect(result.claims).toEqual([
      { claim: 'At sea level pure water boils at 100 degrees Celsius.', verdict: 'supported', sources: ['water-boiling-point.html'], confidence: 1 },
      { claim: 'Water freezes at 10 degrees Celsius.', verdict: 'unsupported', sources: ['water-boiling-point.html'], confidence: 0.8 },
      { claim: 'Penguins migrate across deserts every winter.', verdict: 'unsupported', sources: expect.any(Array), confidence: 0.9 },
    ]);
  });
});

describe('the simulator as a formatter', () => {
  it('fills a lesson package from the draft and the verified facts, with a quiz on the facts', async () => {
    const schema = {
      type: 'object',
      properties: {
        topic: { type: 'string' },
        audience: { type: 'string' },
        summary: { type: 'string' },
        sections: { type: 'array', items: { type: 'object', properties: { heading: { type: 'string' }, body: { type: 'string' } }, required: ['heading', 'body'], additionalProperties: false } },
        keyFacts: { type: 'array', items: { type: 'object', properties: { fact: { type: 'string' }, sources: { type: 'array', items: { type: 'string' } } }, required: ['fact', 'sources'], additionalProperties: false } },
        quiz: { type: 'array', items: { type: 'object', properties: { question: { type: 'string' }, choices: { type: 'array', items: { type: 'string' } }, answerIndex: { type: 'integer' } }, required: ['question', 'choices', 'answerIndex'], additionalProperties: false } },
      },
      required: ['topic', 'audience', 'summary', 'sections', 'keyFacts', 'quiz'],
      additionalProperties: false,
    };
    const lesson = await structured('lesson_package', schema, [
      { role: 'user', content: 'Format the lesson on Water for Year 5 Science as a lesson package.' },
      { role: 'user', content: 'Context: Draft: Water boils at 100 degrees at sea level. It freezes at 0 degrees. Rain forms when vapour condenses.' },
      { role: 'user', content: 'Context: Verified facts:\n- Water boils at 100 degrees at sea level. [water.html]\n- It freezes at 0 degrees. [water.html]\n- Rain forms when vapour condenses. [water-cycle.html]' },
    ]);
    expect(lesson).toMatchObject({ topic: 'Water', audience: 'Year 5 Science', summary: 'Water boils at 100 degrees at sea level. It freezes at 0 degrees.' });
    expect(lesson.keyFacts).toEqual([
      { fact: 'Water boils at 100 degrees at sea level.', sources: ['water.html'] },
      { fact: 'It freezes at 0 degrees.', sources: ['water.html'] },
      { fact: 'Rain forms when vapour condenses.', sources: ['water-cycle.html'] },
    ]);
    const quiz = lesson.quiz as Array<{ question: string; choices: string[]; answerIndex: number }>;
    expect(quiz[0]).toEqual({ question: 'Fill in the blank: Water boils at _____ degrees at sea level.', choices: ['100', '0', 'condenses'], answerIndex: 0 });
    expect(quiz.every((question) => question.question.includes('_____') && question.answerIndex < question.choices.length)).toBe(true);
  });
});
