// `agentlab memory add | search | list | forget` in-process against a store file of their own, with
// the simulator's embeddings: what a user sees, the JSON, the scopes and the exit codes.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecalledMemory } from '../../agents/index.js';
import type { EpisodeRecord, MemoryRecord } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-memory-command-'));
afterAll(() => rm(directory, { recursive: true, force: true }));
let stores = 0;
const freshStore = () => path.join(directory, `store-${++stores}.db`);

function memoryCli(store: string) {
  return (...arguments_: string[]) => runRecorded(['memory', ...arguments_, '--store', store]);
}

describe('agentlab memory', () => {
  it('adds facts, searches them best first within the agent\'s scope, lists and forgets them', async () => {
    const memory = memoryCli(freshStore());
    const added = await memory('add', 'The office wifi password is hunter2', '--agent', 'react');
    expect(added).toMatchObject({ exitCode: 0, output: 'Remembered memory 1 in namespace default (for agent react), embedded by sim:strong.\n' });
    await memory('add', 'Lunch is at noon in the canteen');
    await memory('add', 'The pipeline agent prefers short drafts', '--agent', 'pipeline');
    await memory('add', 'The wifi in Lyon is guest-2024', '--namespace', 'lyon-office');

    const found = await memory('search', 'wifi password', '--agent', 'react', '--json');
    const recalled = JSON.parse(found.output) as RecalledMemory[];
    expect(recalled.map((entry) => entry.memory.content)).toEqual(['The office wifi password is hunter2', 'Lunch is at noon in the canteen']);
    expect(recalled[0]!.memory.accessCount).toBe(1);
    expect(recalled[0]!.score).toBeCloseTo(recalled[0]!.similarity + 0.05, 3);

    const table = await memory('search', 'wifi password', '-k', '1');
    expect(table.output.split('\n')[0]).toMatch(/^SCORE +SIMILARITY +ID +AGENT +FACT$/);
    expect(table.output.split('\n')[1]).toMatch(/^\d\.\d{3} +\d\.\d{3} +1 +react +The office wifi password is hunter2$/);

    const listed = await memory('list', '--json');
    expect((JSON.parse(listed.output) as MemoryRecord[]).map((entry) => [entry.id, entry.namespace, entry.agent])).toEqual([
      [4, 'lyon-office', ''],
      [3, 'default', 'pipeline'],
      [2, 'default', ''],
      [1, 'default', 'react'],
    ]);
    expect((await memory('list', '--namespace', 'default', '--agent', 'react')).output).toMatch(/^ID +NAMESPACE +AGENT +CREATED \(UTC\) +RECALLS +FACT\n 1 +default +react +\d{4}-\d\d-\d\d \d\d:\d\d +2 +The office wifi password is hunter2\n$/);

    expect(await memory('forget', '1', '2')).toMatchObject({ exitCode: 0, output: 'Forgot 2 memories.\n' });
    expect(await memory('forget', '--namespace', 'lyon-office', '--json')).toMatchObject({ exitCode: 0, output: '{"forgotten":1}\n' });
    expect((JSON.parse((await memory('list', '--json')).output) as MemoryRecord[]).map((entry) => entry.id)).toEqual([3]);
  });

  it('lists and searches the episodes runs recorded, and their lessons only when asked', async () => {
    const store = freshStore();
    await runRecorded(['run', 'react', 'Who created Python?', '--model', 'sim:oracle', '--latency', 'zero', '--store', store, '--quiet']);
    const memory = memoryCli(store);
    const listed = await memory('list', '--episodes');
    expect(listed.output).toMatch(/^ID +CREATED \(UTC\) +NAMESPACE +AGENT +MODEL +OUTCOME +GOAL +LESSON\n 1 .* default +react +sim:oracle +completed +Who created Python\? +-\n$/);
    const episodes = JSON.parse((await memory('search', 'Who made the Python language?', '--episodes', '--json')).output) as Array<{ episode: EpisodeRecord; similarity: number }>;
    expect(episodes.map((entry) => entry.episode.goal)).toEqual(['Who created Python?']);
    expect((await memory('search', 'Python', '--episodes', '--lessons-only')).output).toBe('No episodes in namespace default.\n');
    expect((await memory('list', '--episodes', '--lessons-only')).output).toBe('No episodes.\n');
    expect(await memory('forget', '1', '--episodes')).toMatchObject({ exitCode: 0, output: 'Forgot 1 episode.\n' });
  });

  it('shows control characters in facts escaped, and whole in --json', async () => {
    const memory = memoryCli(freshStore());
    await memory('add', 'Ring \u001b[31mred\u001b[0m alarm');
    expect((await memory('list')).output).toContain('Ring \\x1b[31mred\\x1b[0m alarm');
    expect((JSON.parse((await memory('list', '--json')).output) as MemoryRecord[])[0]!.content).toBe('Ring \u001b[31mred\u001b[0m alarm');
  });

  it.each([
    [['add', '   '], 'error: The memory must not be empty.'],
    [['add', 'x', '--namespace', ''], "error: option '-n, --namespace <name>' argument '' is invalid. A memory namespace must not be empty."],
    [['search', 'x', '-k', '0'], "argument '0' is invalid. expected a whole number from 1 to 100."],
    [['forget'], "error: say what to forget: ids, or --namespace <name> (with --agent for one agent's)"],
    [['forget', 'seven'], 'expected an id (a whole number of at least 1), not "seven".'],
    [['forget', '3', '--namespace', 'default'], 'error: give ids or --namespace, not both'],
    [['forget', '42'], 'error: No memory has the id 42.'],
    [['forget', '42', '--episodes'], 'error: No episode has the id 42.'],
    [['list', '--lessons-only'], 'error: --lessons-only goes with --episodes'],
    [['add', 'x', '--model', 'nonsense:model'], 'nonsense:model'],
  ])('exits 2 on %j, saying why', async (arguments_, message) => {
    const result = await memoryCli(freshStore())(...arguments_);
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain(message);
  });

  it('exits 1 naming the model when the embedding endpoint is down', async () => {
    const configDirectory = mkdtempSync(path.join(directory, 'config-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(configDirectory, 'agentlab.config.yaml'), 'models:\n  down:\n    baseURL: http://127.0.0.1:9/v1\n    model: embedder\n');
    const result = await runRecorded(['memory', 'add', 'The budget is 48,000 EUR', '--model', 'down', '--store', freshStore()], { cwd: configDirectory });
    expect(result.exitCode).toBe(1);
    expect(result.errorOutput).toMatch(/^error: Embedding model down at http:\/\/127\.0\.0\.1:9\/v1 failed: Connection error/);
  });

  it.each(['add', 'search', 'list', 'forget'])('memory %s --help lists its options', async (command) => {
    const result = await runRecorded(['memory', command, '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain(`Usage: agentlab memory ${command} [options]`);
    expect(result.output).toContain('--store <path|url>');
    expect(result.output).toContain('--json');
  });
});
