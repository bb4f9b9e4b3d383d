// Memory in `agentlab eval`: off unless asked; with --memory each cell remembers and recalls in a
// namespace of its own, so cases do not leak into each other; --memory-namespace shares one (facts
// seeded with `agentlab memory add`); --episodes records every finished case.
import { mkdtempSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-eval-memory-'));
afterAll(() => rm(directory, { recursive: true, force: true }));
let stores = 0;
const freshStore = () => path.join(directory, `store-${++stores}.db`);

const dataset = path.join(directory, 'memory-cases.jsonl');
const cases = [
  { id: 'remember-wifi', goal: 'Remember that the office wifi password is hunter2', expected_tools: ['remember'], expected_output_contains: ['hunter2'] },
  { id: 'recall-wifi', goal: 'What do you remember about the wifi password?', expected_tools: ['recall'], expected_output_contains: ['hunter2'] },
];

async function evalMemory(store: string, ...flags: string[]) {
  await writeFile(dataset, cases.map((goldenCase) => JSON.stringify(goldenCase)).join('\n'));
  return runRecorded(['eval', dataset, '--agents', 'react', '--models', 'sim:oracle', '--latency', 'zero', '--store', store, '--concurrency', '1', '--epochs', '1', '-q', ...flags]);
}

function read<Value>(store: string, reader: (opened: ReturnType<typeof openStore>) => Value): Value {
  const opened = openStore(store);
  try {
    return reader(opened);
  } finally {
    opened.close();
  }
}

describe('agentlab eval with memory', () => {
  it('offers no memory tools unless asked: cases expecting them are refused before the run, naming the tool', async () => {
    const store = freshStore();
    const result = await evalMemory(store);
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain('expected_tools: "remember" is not a tool of react');
  });

  it('gives each case its own namespace with --memory: the fact one case remembers is not recalled by another', async () => {
    const store = freshStore();
    const result = await evalMemory(store, '--memory');
    // remember-wifi passes; recall-wifi recalls in its own, empty namespace and fails on hunter2.
    expect(result.output).toMatch(/sim:oracle +react +1 +1 +0 /);
    const [memory] = read(store, (opened) => opened.memories.list());
    expect(memory).toMatchObject({ content: 'the office wifi password is hunter2', agent: 'react' });
    expect(memory!.namespace).toMatch(/^eval\/run-[\w-]+\/remember-wifi\/sim:oracle\/e1$/);
  });

  it('shares one namespace with --memory-namespace, so facts seeded with agentlab memory add are recalled', async () => {
    const store = freshStore();
    await runRecorded(['memory', 'add', 'The office wifi password is hunter2', '--namespace', 'kb', '--store', store]);
    const result = await evalMemory(store, '--memory-namespace', 'kb', '--filter', 'recall-wifi');
    expect(result.output).toMatch(/sim:oracle +react +1 +0 +0 /);
  });

  it('records every finished case as an episode with --episodes, under eval/<run id>', async () => {
    const store = freshStore();
    await evalMemory(store, '--memory', '--episodes');
    const episodes = read(store, (opened) => opened.episodes.list());
    expect(episodes.map((episode) => episode.goal).sort()).toEqual([cases[0]!.goal, cases[1]!.goal]);
    const runId = episodes[0]!.runId!;
    expect(runId).toMatch(/^run-/);
    expect(episodes.every((episode) => episode.namespace === `eval/${runId}` && episode.agent === 'react' && episode.model === 'sim:oracle' && episode.traceId)).toBe(true);
  });

  it('refuses a bad embedding model before any run is recorded, exit 2', async () => {
    const store = freshStore();
    const result = await evalMemory(store, '--memory', '--embedding-model', 'nonsense:model');
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain('nonsense:model');
    expect(read(store, (opened) => opened.listRuns())).toEqual([]);
  });
});
