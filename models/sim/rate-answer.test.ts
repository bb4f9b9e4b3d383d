// The simulator as a rater (`answer_rating` requests, agents/confidence): what it notices, that a
// seed reproduces its rating, and that sloppier profiles rate with more noise.
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratingMessages, ratingResponseFormat } from '../../agents/index.js';
import type { RunningSimServer } from './server.js';
import { startTestServer } from './test-support.js';

let server: RunningSimServer;
let client: OpenAI;

beforeAll(async () => {
  ({ server, client } = await startTestServer());
});
afterAll(() => server.close());

const goal = 'Search for the height of Mount Everest, then write it to everest.md';
const complete = 'I searched for "the height of Mount Everest". Mount Everest is 8,849 metres high. I saved it to everest.md.';

async function rate(model: string, answer: string, seed: number, toolResults = '(none)', retries = 0): Promise<{ confidence: number; reasoning: string }> {
  const completion = await client.chat.completions.create({ model, messages: ratingMessages({ goal, answer, toolResults }), response_format: ratingResponseFormat(), temperature: 0, seed }, { maxRetries: retries });
  return JSON.parse(completion.choices[0]!.message.content!) as { confidence: number; reasoning: string };
}

function spread(values: number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
}

describe('the simulator rating an answer', () => {
  it('returns { confidence, reasoning }, the same for the same seed', async () => {
    const first = await rate('weak', complete, 11);
    expect(first.confidence).toBeGreaterThanOrEqual(0);
    expect(first.confidence).toBeLessThanOrEqual(1);
    expect(first.reasoning).toBe('It shows 2 of the 2 actions the goal asks for.');
    expect(await rate('weak', complete, 11)).toEqual(first);
  });

  it('rates lower an answer that gives up, misses an action, or follows failed tool calls', async () => {
    // Means over ten seeds each, so that what is compared is what it notices, not one draw of its noise.
    const seeds = Array.from({ length: 10 }, (_, index) => index + 1);
    const mean = async (answer: string, toolResults?: string) => {
      const ratings = await Promise.all(seeds.map((seed) => rate('oracle', answer, seed, toolResults)));
      return { confidence: ratings.reduce((sum, rating) => sum + rating.confidence, 0) / ratings.length, reasoning: ratings[0]!.reasoning };
    };
    const full = await mean(complete);
    const gaveUp = await mean('I do not have enough information to answer: Search for the height of Mount Everest');
    const half = await mean('I searched for "the height of Mount Everest". Mount Everest is 8,849 metres high.');
    const failedTools = await mean(complete, '- search_web {"query":"x"} → FAILED: Error: timeout\n- write_file {"path":"everest.md"} → FAILED: Error: denied');
    expect(full.confidence).toBeGreaterThan(0.85);
    expect(half.confidence).toBeLessThan(full.confidence - 0.15);
    expect(half.reasoning).toContain('1 of the 2 actions');
    expect(gaveUp.confidence).toBeLessThan(0.5);
    expect(gaveUp.reasoning).toContain('could not do part of the goal or lacks information');
    expect(failedTools.confidence).toBeLessThan(full.confidence - 0.1);
    expect(failedTools.reasoning).toContain('2 of 2 tool calls failed');
  });

  it('is noisier on weak than on strong', async () => {
    const seeds = Array.from({ length: 40 }, (_, index) => index + 1);
    const answer = 'I searched for "the height of Mount Everest". Mount Everest is 8,849 metres high.';
    // strong and weak drop connections now and then: retried, as any client would (each retry is a fresh draw).
    const strong = await Promise.all(seeds.map((seed) => rate('strong', answer, seed, undefined, 5)));
    const weak = await Promise.all(seeds.map((seed) => rate('weak', answer, seed, undefined, 5)));
    expect(spread(weak.map((rating) => rating.confidence))).toBeGreaterThan(2 * spread(strong.map((rating) => rating.confidence)));
  });
});
