// Every behavioural and transport fault shows up on the profile that injects it, at a seeded point
// that a fresh server reproduces exactly.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { RETRY_COUNT_HEADER } from './request-attempt.js';
import { startTestServer, testTools } from './test-support.js';

const goal = 'Search for the boiling point of water and calculate 17 * 23';
const firstTurn: ChatCompletionMessageParam[] = [{ role: 'user', content: goal }];
/** The conversation after a successful search: the next turn should calculate. */
const secondTurn: ChatCompletionMessageParam[] = [
  ...firstTurn,
  { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'search_web', arguments: '{"query":"the boiling point of water"}' } }] },
  { role: 'tool', tool_call_id: 'call_1', content: 'Water boils at 100 °C at sea level.' },
];

type Observation = { kind: 'tool'; name: string; argumentsText: string } | { kind: 'text'; content: string } | { kind: 'transport'; status: number | undefined };

/** What the model did on this turn; a transport fault (weak has a few) shows as `transport`. */
async function observe(client: OpenAI, model: string, messages: ChatCompletionMessageParam[], seed: number): Promise<Observation> {
  let completion: OpenAI.ChatCompletion;
  try {
    completion = await client.chat.completions.create({ model, messages, tools: testTools, seed });
  } catch (error) {
    if (error instanceof OpenAI.APIError) return { kind: 'transport', status: error.status };
    throw error;
  }
  const message = completion.choices[0]!.message;
  const call = message.tool_calls?.[0];
  if (call?.type === 'function') return { kind: 'tool', name: call.function.name, argumentsText: call.function.arguments };
  return { kind: 'text', content: message.content ?? '' };
}

const offered = new Set(testTools.map((tool) => (tool.type === 'function' ? tool.function.name : '')));
const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const behaviouralFaults: Array<{ fault: string; model: string; messages: ChatCompletionMessageParam[]; shows: (seen: Observation, intended: Observation) => boolean }> = [
  { fault: 'nonexistent tool', model: 'weak', messages: firstTurn, shows: (seen) => seen.kind === 'tool' && !offered.has(seen.name) },
  { fault: 'wrong tool', model: 'weak', messages: firstTurn, shows: (seen) => seen.kind === 'tool' && offered.has(seen.name) && seen.name !== 'search_web' },
  { fault: 'malformed JSON arguments', model: 'weak', messages: firstTurn, shows: (seen) => seen.kind === 'tool' && seen.name === 'search_web' && !parses(seen.argumentsText) },
  { fault: 'repeated call', model: 'weak', messages: secondTurn, shows: (seen) => seen.kind === 'tool' && seen.name === 'search_web' },
  { fault: 'repeated call (looping)', model: 'looping', messages: secondTurn, shows: (seen) => seen.kind === 'tool' && seen.name === 'search_web' },
  { fault: 'early answer', model: 'weak', messages: firstTurn, shows: (seen) => seen.kind === 'text' },
  {
    fault: 'verbose output',
    model: 'weak',
    messages: [...secondTurn.slice(0, 1), ...secondTurn.slice(1)].concat([
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_2', type: 'function', function: { name: 'calculator', arguments: '{"expression":"17 * 23"}' } }] },
      { role: 'tool', tool_call_id: 'call_2', content: '391' },
    ]),
    shows: (seen, intended) => seen.kind === 'text' && intended.kind === 'text' && seen.content.length > intended.content.length * 3,
  },
];

describe('behavioural faults', () => {
  for (const { fault, model, messages, shows } of behaviouralFaults) {
    it(`${fault} appears on ${model} at a seeded, reproducible point`, async () => {
      const first = await startTestServer();
      let found: { seed: number; seen: Observation } | undefined;
      try {
        for (let seed = 0; seed < 300 && !found; seed++) {
          const intended = await observe(first.client, 'oracle', messages, seed);
          const seen = await observe(first.client, model, messages, seed);
          if (shows(seen, intended)) found = { seed, seen };
        }
      } finally {
        await first.server.close();
      }
      expect(found, `no seed under 300 shows ${fault} on ${model}`).toBeDefined();
      const fresh = await startTestServer();
      try {
        expect(await observe(fresh.client, model, messages, found!.seed)).toEqual(found!.seen);
      } finally {
        await fresh.server.close();
      }
    });
  }

  it('never injects faults on oracle', async () => {
    const { server, client } = await startTestServer();
    try {
      for (let seed = 0; seed < 100; seed++) {
        expect(await observe(client, 'oracle', firstTurn, seed)).toEqual({ kind: 'tool', name: 'search_web', argumentsText: '{"query":"the boiling point of water"}' });
      }
    } finally {
      await server.close();
    }
  });
});

type TransportOutcome = 'ok' | 'rate-limit' | 'server-error' | 'timeout' | 'cut-off';

/** One try of the first turn on flaky; `retry` is the retry count it declares (0 for a first try). */
async function transportOutcome(client: OpenAI, seed: number, stream: boolean, retry = 0): Promise<{ outcome: TransportOutcome; retryAfter?: string | null; retryAfterMs?: string | null }> {
  const options = { timeout: 400, headers: { [RETRY_COUNT_HEADER]: String(retry) } };
  try {
    if (stream) {
      const chunks = await client.chat.completions.create({ model: 'flaky', messages: firstTurn, tools: testTools, seed, stream: true }, options);
      let finished = false;
      for await (const chunk of chunks) if (chunk.choices[0]?.finish_reason) finished = true;
      return { outcome: finished ? 'ok' : 'cut-off' };
    }
    await client.chat.completions.create({ model: 'flaky', messages: firstTurn, tools: testTools, seed }, options);
    return { outcome: 'ok' };
  } catch (error) {
    if (error instanceof OpenAI.RateLimitError) return { outcome: 'rate-limit', retryAfter: error.headers.get('retry-after'), retryAfterMs: error.headers.get('retry-after-ms') };
    if (error instanceof OpenAI.InternalServerError) return { outcome: 'server-error' };
    if (error instanceof OpenAI.APIConnectionTimeoutError) return { outcome: 'timeout' };
    return { outcome: 'cut-off' };
  }
}

describe('transport faults on flaky', () => {
  const cases: Array<{ outcome: TransportOutcome; stream: boolean }> = [
    { outcome: 'rate-limit', stream: false },
    { outcome: 'server-error', stream: false },
    { outcome: 'timeout', stream: false },
    { outcome: 'cut-off', stream: true },
  ];
  for (const { outcome, stream } of cases) {
    it(`${outcome} happens at a seeded point, reproducibly, and a retry of the same request can succeed`, async () => {
      const first = await startTestServer();
      let found: { seed: number; observed: Awaited<ReturnType<typeof transportOutcome>> } | undefined;
      try {
        for (let seed = 0; seed < 400 && !found; seed++) {
          const observed = await transportOutcome(first.client, seed, stream);
          if (observed.outcome === outcome) found = { seed, observed };
        }
      } finally {
        await first.server.close();
      }
      expect(found, `no seed under 400 shows ${outcome}`).toBeDefined();
      if (outcome === 'rate-limit') {
        expect(found!.observed.retryAfterMs).toBe('200');
        expect(found!.observed.retryAfter).toBe('1');
      }
      const fresh = await startTestServer();
      try {
        expect(await transportOutcome(fresh.client, found!.seed, stream)).toEqual(found!.observed);
        // A retry is a new draw: within a few tries the same request goes through.
        let retried: TransportOutcome = outcome;
        for (let retry = 1; retry <= 5 && retried !== 'ok'; retry++) retried = (await transportOutcome(fresh.client, found!.seed, stream, retry)).outcome;
        expect(retried).toBe('ok');
      } finally {
        await fresh.server.close();
      }
    });
  }
});

describe('transport faults and what the server served before', () => {
  const outcomeOf = async (client: OpenAI, seed: number, retry: number) => (await transportOutcome(client, seed, false, retry)).outcome;

  it('depend on the seed, the request and its declared retry count alone', async () => {
    const { server, client } = await startTestServer();
    try {
      // A seed whose first try fails and whose first retry goes through.
      let seed = 0;
      while ((await outcomeOf(client, seed, 0)) === 'ok' || (await outcomeOf(client, seed, 1)) !== 'ok') seed++;
      const failure = await outcomeOf(client, seed, 0);
      // Another cell sending the very same request, however often, changes nothing for this one.
      for (let other = 0; other < 3; other++) expect(await outcomeOf(client, seed, 0)).toBe(failure);
      expect(await outcomeOf(client, seed, 1)).toBe('ok');
    } finally {
      await server.close();
    }
  });

  it('count a request that declares no retry count: the first time it is a first try, then a retry', async () => {
    const { server, client } = await startTestServer();
    const post = async (seed: number) => {
      const response = await fetch(`${server.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'flaky', messages: firstTurn, tools: testTools, seed }) });
      await response.arrayBuffer();
      return response.status;
    };
    try {
      let seed = 0;
      while (!['rate-limit', 'server-error'].includes(await outcomeOf(client, seed, 0)) || (await outcomeOf(client, seed, 1)) !== 'ok') seed++;
      expect(await post(seed)).toBeGreaterThanOrEqual(429);
      expect(await post(seed)).toBe(200);
    } finally {
      await server.close();
    }
  });
});
