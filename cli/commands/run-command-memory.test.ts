// Memory in `agentlab run`: a fact remembered in one run is recalled in the next (two processes, one
// store file, the simulator's embeddings over HTTP, sqlite-vec), namespaces keep runs apart, each run
// becomes an episode, and the flags turn it off.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentResult } from '../../agents/index.js';
import { startFakeEmbeddingEndpoint } from '../../agents/memory/test-support.js';
import { openStore } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-run-memory-'));
afterAll(() => rm(directory, { recursive: true, force: true }));
let stores = 0;
const freshStore = () => path.join(directory, `store-${++stores}.db`);

function inStore<Value>(store: string, read: (opened: ReturnType<typeof openStore>) => Value): Value {
  const opened = openStore(store);
  try {
    return read(opened);
  } finally {
    opened.close();
  }
}

async function runJson(store: string, arguments_: readonly string[]) {
  const result = await runRecorded(['run', ...arguments_, '--latency', 'zero', '--store', store, '--json', '--quiet']);
  return { ...result, agentResult: JSON.parse(result.output) as AgentResult };
}

const toolsCalled = (result: AgentResult) => result.steps.flatMap((step) => (step.type === 'tool_call' ? [step.tool] : []));

describe('agentlab run with memory', () => {
  it('recalls in a second process the fact a first process remembered, from the same store file', async () => {
    const store = freshStore();
    const agentlab = (goal: string) =>
      promisify(execFile)('npx', ['tsx', 'cli/agentlab.ts', 'run', 'react', goal, '--latency', 'zero', '--store', store], { cwd: repositoryRoot });
    const first = await agentlab('Remember that the office wifi password is hunter2');
    expect(first.stdout).toContain('I will remember that the office wifi password is hunter2.');
    expect(first.stderr).toContain('⚙ remember {"content":"the office wifi password is hunter2"}');

    const second = await agentlab('What do you remember about the wifi password?');
    expect(second.stderr).toContain('⚙ recall {"query":"the wifi password"}');
    expect(second.stdout).toContain('From memory: the office wifi password is hunter2');
    expect(second.stderr).toMatch(/Recorded episode 2 in namespace default/);
    expect(inStore(store, (opened) => opened.memories.list()).map((memory) => [memory.content, memory.agent, memory.accessCount])).toEqual([
      ['the office wifi password is hunter2', 'react', 1],
    ]);
    // Two processes started through npx and tsx, one after the other, on a machine that may be busy.
  }, 120_000);

  it('keeps namespaces apart: a fact remembered in one is not recalled in another', async () => {
    const store = freshStore();
    await runJson(store, ['react', 'Remember that the staging port is 5433', '--memory-namespace', 'project-a']);
    const elsewhere = await runJson(store, ['react', 'What do you remember about the staging port?', '--memory-namespace', 'project-b']);
    expect(toolsCalled(elsewhere.agentResult)).toEqual(['recall']);
    expect(elsewhere.agentResult.output).toBe('From memory: Nothing in memory about "the staging port" (namespace "project-b").');
    const same = await runJson(store, ['react', 'What do you remember about the staging port?', '--memory-namespace', 'project-a']);
    expect(same.agentResult.output).toBe('From memory: the staging port is 5433');
  });

  it('records every run as an episode, a failed one with why it ended', async () => {
    const store = freshStore();
    const failed = await runJson(store, ['react', 'Search for the boiling point of water and calculate 17 * 23', '--model', 'sim:oracle', '--max-steps', '1']);
    expect(failed.exitCode).toBe(1);
    const [episode] = inStore(store, (opened) => opened.episodes.list());
    expect(episode).toMatchObject({
      namespace: 'default',
      agent: 'react',
      model: 'sim:oracle',
      goal: 'Search for the boiling point of water and calculate 17 * 23',
      traceId: failed.agentResult.traceId,
      embeddingModel: 'sim:strong',
    });
    expect(episode!.outcome).toMatch(/^max_steps: .*1 model calls/);
    expect(episode!.steps).toBe('1 model call, 1 tool call\n1. react → search_web {"query":"the boiling point of water"} (ok)');
  });

  it('offers no memory tools and records nothing with --no-memory; keeps facts but no episode with --no-episodes', async () => {
    const store = freshStore();
    const without = await runJson(store, ['react', 'Remember that the office wifi password is hunter2', '--no-memory']);
    expect(toolsCalled(without.agentResult)).toEqual([]);
    expect(inStore(store, (opened) => [opened.memories.count(), opened.episodes.list().length])).toEqual([0, 0]);

    const noEpisode = await runJson(store, ['react', 'Remember that the office wifi password is hunter2', '--no-episodes']);
    expect(toolsCalled(noEpisode.agentResult)).toEqual(['remember']);
    expect(inStore(store, (opened) => [opened.memories.count(), opened.episodes.list().length])).toEqual([1, 0]);
  });

  it('refuses a bad embedding model before the run, exit 2, naming it', async () => {
    const result = await runRecorded(['run', 'react', 'Who created Python?', '--embedding-model', 'nonsense:model', '--latency', 'zero', '--store', freshStore()]);
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toMatch(/^error: .*nonsense:model/m);
    expect(result.output).toBe('');
  });

  it('keeps the run\'s result when the episode cannot be embedded, with a warning naming the model', async () => {
    const endpoint = await startFakeEmbeddingEndpoint(() => ({ status: 500, body: { error: { message: 'embedder crashed' } } }));
    const configDirectory = mkdtempSync(path.join(directory, 'config-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(configDirectory, 'agentlab.config.yaml'), `models:\n  crashing:\n    baseURL: ${endpoint.baseURL}\n    model: embedder\nmemory:\n  embeddingModel: crashing\n`);
    try {
      const store = freshStore();
      const result = await runRecorded(['run', 'react', 'Who created Python?', '--model', 'sim:oracle', '--latency', 'zero', '--store', store], { cwd: configDirectory });
      expect(result.exitCode).toBe(0);
      expect(result.output).toContain('Guido');
      expect(result.errorOutput).toContain(`warning: the run was not recorded as an episode: Embedding model crashing at ${endpoint.baseURL} failed: 500 embedder crashed`);
      expect(inStore(store, (opened) => opened.episodes.list())).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });
});
