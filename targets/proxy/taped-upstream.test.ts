// The model proxy with a cell's tape: what an agent meets through the proxy (an endpoint error, a
// stream cut off mid-way, a whole stream, an answer) is recorded, then replayed with the endpoint
// closed, and the agent and the session's trajectory see the same thing; a request the cassette
// lacks is refused with a 404 naming it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCassetteDeck, type CassetteDeck, type RecordedEval } from '../../models/index.js';
import { startModelProxy } from './start-model-proxy.js';
import type { ModelProxy } from './model-proxy-types.js';
import { agentClient, handleFor, startScriptedEndpoint, type ScriptedEndpoint } from './test-support.js';

const recordedEval: RecordedEval = { dataset: { path: 'cases.jsonl', hash: 'ef'.repeat(32) }, matrix: { agents: ['agent'], models: ['scripted'], epochs: 1, seed: 1 } };
const cell = { case: 'faults', agent: 'agent', model: 'scripted', epoch: 1 };
const chunk = (content: string) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const usageChunk = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } })}\n\n`;

let directory: string;
let proxy: ModelProxy;
let endpoint: ScriptedEndpoint;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-taped-upstream-'));
  proxy = await startModelProxy();
  endpoint = await startScriptedEndpoint((request, response) => {
    const turn = endpoint.requests.length - 1;
    if (turn === 0) response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'boom', type: 'server_error' } }));
    else if (turn === 1) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(chunk('Par'), () => setTimeout(() => response.destroy(), 20));
    } else if (turn === 2) response.writeHead(200, { 'content-type': 'text/event-stream' }).end(`${chunk('Who')}${chunk('le')}${usageChunk}data: [DONE]\n\n`);
    else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: `answer to ${JSON.parse(request.body).messages[0].content}` }, finish_reason: 'stop' }], usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 } }));
  });
});
afterAll(async () => {
  await proxy.close();
  await endpoint.close();
  await rm(directory, { recursive: true, force: true });
});

/** What an agent meets through a session taped by `deck`, and the model calls the session recorded. */
async function agentRun(deck: CassetteDeck, questions: readonly string[]): Promise<{ seen: string[]; calls: unknown[] }> {
  return deck.runCell(cell, async (tape) => {
    const session = proxy.openSession({ model: handleFor(endpoint.baseURL), agent: 'agent', captureContent: false, cassette: tape });
    const client = agentClient(session);
    const seen: string[] = [];
    const ask = (content: string) => ({ model: 'anything', messages: [{ role: 'user' as const, content }] });
    const failure = (error: unknown) => `${(error as { status?: number }).status ?? 'no status'}: ${(error as Error).message}`;
    for (const [index, question] of questions.entries()) {
      if (index === 1 || index === 2) {
        let text = '';
        try {
          for await (const part of await client.chat.completions.create({ ...ask(question), stream: true })) text += part.choices[0]?.delta.content ?? '';
          seen.push(text);
        } catch (error) {
          seen.push(`${text}, then ${(error as Error).constructor.name}`);
        }
      } else seen.push(await client.chat.completions.create(ask(question)).then((answer) => answer.choices[0]!.message.content!, failure));
    }
    const recording = await session.close();
    await deck.finishCell(tape, { latencyMs: 1, cutShort: false });
    const calls = recording.steps.map((step) => (step.type === 'model_call' ? { tokens: [step.inputTokens, step.outputTokens], content: step.content, failed: step.error !== undefined } : step.type));
    return { seen, calls };
  });
}

describe('the model proxy with a tape', () => {
  it('replays what the endpoint did, faults and streams included, with the endpoint closed', async () => {
    const questions = ['one', 'two', 'three', 'four'];
    const recorded = await agentRun(await openCassetteDeck({ directory, mode: 'record', eval: recordedEval }), questions);
    expect(recorded.seen).toEqual(['500: 500 boom', 'Par, then TypeError', 'Whole', 'answer to four']);
    await endpoint.close();

    const replayed = await agentRun(await openCassetteDeck({ directory, mode: 'replay', eval: recordedEval }), questions);
    expect(replayed).toEqual(recorded);

    const missed = await agentRun(await openCassetteDeck({ directory, mode: 'replay', eval: recordedEval }), ['one', 'two', 'three', 'five']);
    expect(missed.seen[3]).toMatch(/^404: 404 agentlab replay: no recorded answer for POST \/chat\/completions \(model gpt-4o-mini, 1 message, last user: "five"\)/);
  });
});
