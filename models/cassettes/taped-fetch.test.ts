// The openai client's calls through a taped fetch: a rate limit, a stream cut off mid-way, a call
// that times out, a whole stream and a plain answer are recorded from a real HTTP endpoint, then
// replayed with the endpoint closed, and the client meets the very same outcomes in the same order.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCassetteDeck, type CassetteDeck } from './cassette-deck.js';
import type { RecordedEval } from './cassette-lines.js';
import { cellFileName } from './cell-file-name.js';

const recordedEval: RecordedEval = { dataset: { path: 'cases.jsonl', hash: 'cd'.repeat(32) }, matrix: { agents: ['react'], models: ['local'], epochs: 1, seed: 1 } };
const cell = { case: 'faults', agent: 'react', model: 'local', epoch: 1 };
const completion = (content: string) => ({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } });
const chunk = (content: string) => `data: ${JSON.stringify({ id: 'chatcmpl-2', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;

let directory: string;
let server: Server;
let baseURL: string;
let served = 0;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-taped-fetch-'));
  server = createServer((request, response) => {
    request.resume();
    const turn = served++;
    if (turn === 0) response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0', 'set-cookie': 'session=1' }).end(JSON.stringify({ error: { message: 'slow down', type: 'requests' } }));
    else if (turn === 1) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(chunk('Hel'));
      response.write(chunk('lo'), () => setTimeout(() => response.destroy(), 20));
    } else if (turn === 2) return; // never answers: the client's timeout ends it
    else if (turn === 3) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(`${chunk('All ')}${chunk('there')}data: [DONE]\n\n`);
    } else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion('plain')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(directory, { recursive: true, force: true });
});

/** What the client saw of five calls, in order. */
async function conversation(deck: CassetteDeck): Promise<string[]> {
  const client = new OpenAI({ apiKey: 'sk-test-key-000000', baseURL, maxRetries: 0, timeout: 500, fetch: deck.fetchFor(baseURL, fetch) });
  const ask = (content: string) => ({ model: 'm', messages: [{ role: 'user' as const, content }] });
  const seen: string[] = [];
  const describe = (error: unknown) => `${(error as Error).constructor.name}${(error as { status?: number }).status ? ` ${(error as { status?: number }).status}` : ''}`;
  const streamed = async (content: string): Promise<string> => {
    let text = '';
    try {
      for await (const part of await client.chat.completions.create({ ...ask(content), stream: true })) text += part.choices[0]?.delta.content ?? '';
      return text;
    } catch (error) {
      return `${text} then ${describe(error)}`;
    }
  };
  seen.push(await client.chat.completions.create(ask('one')).then((answer) => answer.choices[0]!.message.content!, describe));
  seen.push(await streamed('two'));
  seen.push(await client.chat.completions.create(ask('three')).then((answer) => answer.choices[0]!.message.content!, describe));
  seen.push(await streamed('four'));
  seen.push(await client.chat.completions.create(ask('five')).then((answer) => answer.choices[0]!.message.content!, describe));
  return seen;
}

describe('a taped fetch', () => {
  it('replays faults and streams as they were recorded, with the endpoint closed', async () => {
    const recorder = await openCassetteDeck({ directory, mode: 'record', eval: recordedEval });
    const recorded = await recorder.runCell(cell, async (tape) => {
      const seen = await conversation(recorder);
      await recorder.finishCell(tape, { latencyMs: 1, cutShort: false });
      return seen;
    });
    expect(recorded).toEqual(['RateLimitError 429', 'Hello then TypeError', 'APIConnectionTimeoutError', 'All there', 'plain']);
    const written = await readFile(path.join(directory, cellFileName(cell)), 'utf8');
    expect(written).toContain('"retry-after":"0"');
    expect(written).not.toMatch(/set-cookie|sk-test-key|authorization/i);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));

    const player = await openCassetteDeck({ directory, mode: 'replay', eval: recordedEval });
    const replayed = await player.runCell(cell, () => conversation(player));
    expect(replayed).toEqual(recorded);
    expect(player.currentTape()).toBeUndefined();
  });

  it('refuses a call outside any cell when replaying with no endpoint', async () => {
    const player = await openCassetteDeck({ directory, mode: 'replay', eval: recordedEval });
    await expect(player.fetchFor(baseURL, fetch)(`${baseURL}/models`)).rejects.toMatchObject({ code: 'AGENTLAB_CASSETTE_OUTSIDE_CELL' });
  });
});
