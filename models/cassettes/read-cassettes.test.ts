// Cassettes are checked line by line before a replay: anything agentlab did not write, or wrote and
// someone then changed, is refused with the file and line.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCassetteDeck } from './cassette-deck.js';
import { cellFileName } from './cell-file-name.js';
import type { RecordedEval } from './cassette-lines.js';

const recordedEval: RecordedEval = { dataset: { path: 'cases.jsonl', hash: 'ab'.repeat(32) }, matrix: { agents: ['react'], models: ['sim:strong'], epochs: 1, seed: 1 } };
const cell = { case: 'calc', agent: 'react', model: 'sim:strong', epoch: 1 };
let directory: string;
let file: string;

/** Records one cell with two identical requests and one other, as a cell's tape would. */
async function recordCell(): Promise<void> {
  const deck = await openCassetteDeck({ directory, mode: 'record', eval: recordedEval, secrets: ['sk-secret-0123456789'] });
  await deck.runCell(cell, async (tape) => {
    for (const content of ['hello', 'hello', 'bye sk-secret-0123456789']) {
      const turn = tape.begin({ method: 'post', path: '/chat/completions', attempt: '0', body: JSON.stringify({ model: 'strong', user: 'someone', messages: [{ role: 'user', content }] }) });
      if (turn.kind !== 'record') throw new Error('expected to record');
      turn.finish({ outcome: 'answered', status: 200, headers: { 'content-type': 'application/json' }, body: { answer: content } });
    }
    await deck.finishCell(tape, { latencyMs: 12.5, cutShort: false });
  });
}

async function lines(): Promise<string[]> {
  return (await readFile(file, 'utf8')).trimEnd().split('\n');
}

async function replay(): Promise<unknown> {
  return openCassetteDeck({ directory, shownAs: 'cassettes', mode: 'replay', eval: recordedEval });
}

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-cassettes-'));
  file = path.join(directory, cellFileName(cell));
  await recordCell();
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('cassette files', () => {
  it('holds a header, one line per exchange and a closing line, with no secret and no volatile field', async () => {
    const written = await lines();
    expect(written).toHaveLength(5);
    expect(JSON.parse(written[0]!)).toMatchObject({ type: 'cassette', version: 1, cell, ...recordedEval });
    const exchanges = written.slice(1, 4).map((line) => JSON.parse(line) as { key: string; occurrence: number; request: { body: { user?: string } } });
    expect(exchanges.map((line) => line.occurrence)).toEqual([0, 1, 0]);
    expect(exchanges[0]!.key).toBe(exchanges[1]!.key);
    expect(exchanges[0]!.request.body.user).toBeUndefined();
    expect(written.join('\n')).not.toContain('sk-secret');
    expect(written.join('\n')).toContain('[redacted]');
    expect(JSON.parse(written[4]!)).toMatchObject({ type: 'cell-end', exchanges: 3, latencyMs: 12.5 });
  });

  it('replays each occurrence of a request with its own answer, and names the one past the last', async () => {
    const deck = await openCassetteDeck({ directory, mode: 'replay', eval: recordedEval });
    await deck.runCell(cell, async (tape) => {
      // Field order and volatile fields do not change the key.
      const ask = () => tape.begin({ method: 'POST', path: '/chat/completions', attempt: '0', body: JSON.stringify({ messages: [{ content: 'hello', role: 'user' }], model: 'strong', user: 'another' }) });
      expect(ask()).toMatchObject({ kind: 'replay', response: { body: { answer: 'hello' } } });
      expect(ask()).toMatchObject({ kind: 'replay' });
      const third = ask();
      expect(third.kind).toBe('miss');
      expect(third.kind === 'miss' && third.message).toContain(`no recorded answer for POST /chat/completions (model strong, 1 message, last user: "hello"), key`);
      expect(third.kind === 'miss' && third.message).toContain(`occurrence 3 in the cell: ${file} holds it 2 times only`);
      expect(tape.misses).toHaveLength(1);
      expect(tape.recordedLatencyMs).toBeUndefined();
    });
  });

  it('gives a fully replayed cell its recorded latency', async () => {
    const deck = await openCassetteDeck({ directory, mode: 'replay', eval: recordedEval });
    await deck.runCell(cell, async (tape) => {
      expect(tape.recordedLatencyMs).toBe(12.5);
    });
  });

  it.each([
    ['a line that is not JSON', (text: string[]) => text.with(2, '{"type":"exchange",'), 3, 'not JSON'],
    ['an answer changed by hand', (text: string[]) => text.with(1, text[1]!.replace('"answer":"hello"', '"answer":"howdy"')), 2, 'the line does not match its digest'],
    ['a field that does not belong', (text: string[]) => text.with(1, text[1]!.replace('{"type":"exchange",', '{"type":"exchange","extra":1,')), 2, 'not a cassette line'],
    ['a missing exchange', (text: string[]) => text.toSpliced(1, 1), 2, 'occurrence 1 of request'],
    ['a file cut short', (text: string[]) => text.slice(0, 3), 3, 'the file ends without its cell-end line'],
    ['lines out of order', (text: string[]) => [text[1]!, text[0]!, ...text.slice(2)], 1, 'the first line must be the cassette header'],
  ])('refuses %s, naming the file and line', async (_name, change, line, problem) => {
    await writeFile(file, `${change(await lines()).join('\n')}\n`);
    await expect(replay()).rejects.toMatchObject({ code: 'AGENTLAB_CASSETTE_INVALID', message: expect.stringContaining(`${path.join('cassettes', cellFileName(cell))}:${line}: ${problem}`) });
  });

  it('refuses a request edited together with its digest: the key no longer matches', async () => {
    const { createHash } = await import('node:crypto');
    const text = await lines();
    const edited = JSON.parse(text[1]!) as Record<string, unknown>;
    (edited.request as { body: { messages: Array<{ content: string }> } }).body.messages[0]!.content = 'goodbye';
    const { digest: _digest, ...contents } = edited;
    const sorted = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(sorted) : value && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])])) : value;
    edited.digest = createHash('sha256').update(JSON.stringify(sorted(contents))).digest('hex').slice(0, 16);
    await writeFile(file, `${text.with(1, JSON.stringify(edited)).join('\n')}\n`);
    await expect(replay()).rejects.toThrow(`${path.join('cassettes', cellFileName(cell))}:2: key`);
  });

  it('says which eval the cassettes were recorded in when another replays them', async () => {
    const deck = await openCassetteDeck({ directory, mode: 'replay', eval: { ...recordedEval, matrix: { ...recordedEval.matrix, seed: 2 } } });
    expect(deck.mismatch).toContain('were recorded from cases.jsonl (sha256 abababababab…), agents react, models sim:strong, 1 epoch, seed 1; this eval runs');
    expect(deck.mismatch).toContain('seed 2');
  });

  it('refuses a directory that does not exist', async () => {
    await expect(openCassetteDeck({ directory: path.join(directory, 'nowhere'), shownAs: 'nowhere', mode: 'replay', eval: recordedEval })).rejects.toMatchObject({
      code: 'AGENTLAB_CASSETTE_DIRECTORY_NOT_FOUND',
      message: expect.stringContaining('--replay nowhere: no such cassette directory'),
    });
  });
});
