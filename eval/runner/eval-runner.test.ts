// The runner end to end on the simulator into a temporary SQLite store: the whole matrix, results
// streamed as they finish, reproducible seeds, shards, filters, and a resume after an interruption.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProvider } from '../../models/index.js';
import { caseResultKey, openStore, type RunConfig, type Store } from '../../store/index.js';
import { loadDataset, type Dataset } from '../dataset/index.js';
import { runEval } from './eval-runner.js';

let directory: string;
let dataset: Dataset;
let provider: ModelProvider;

const cases = [
  { id: 'water', goal: 'Search for the boiling point of water', expected_tools: ['search_web'], expected_output_contains: ['100 °C'], tags: ['search'] },
  { id: 'math', goal: 'Calculate 17 * 23', expected_tools: ['calculator'], expected_output_contains: ['391'], tags: ['math'] },
  { id: 'python', goal: 'Who created Python?', expected_tools: ['search_web'], expected_output_contains: ['Guido van Rossum'], tags: ['search'] },
  { id: 'notes', goal: 'Read notes.txt', agent: 'react', expected_tools: ['read_file'], expected_output_contains: ['Falcon'], tags: ['files'] },
];

const config = (overrides: Partial<RunConfig> = {}): RunConfig => ({
  agents: ['react', 'pipeline'],
  models: ['sim:oracle', 'sim:weak'],
  epochs: 2,
  concurrency: 4,
  seed: 7,
  caseTimeoutMs: 20_000,
  ...overrides,
});

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-runner-'));
  const file = path.join(directory, 'cases.jsonl');
  await writeFile(file, cases.map((item) => JSON.stringify(item)).join('\n'));
  dataset = await loadDataset(file);
  provider = new ModelProvider({ latency: 'zero' });
});
afterAll(async () => {
  await provider.close();
  await rm(directory, { recursive: true, force: true });
});

function freshStore(name: string): Store {
  return openStore(path.join(directory, `${name}.db`));
}

describe('runEval', () => {
  it('runs agents × models × cases × epochs, each result in the store, a case with an agent only on it', async () => {
    const store = freshStore('matrix');
    const seen: string[] = [];
    const outcome = await runEval({ dataset, store, provider, config: config(), onProgress: (event) => event.type === 'case-end' && seen.push(caseResultKey(event.result)) });
    const results = store.caseResults(outcome.run.id);
    // 3 generic cases × 2 agents × 2 models × 2 epochs + 1 react-only case × 2 models × 2 epochs
    expect(results).toHaveLength(24 + 4);
    expect(store.caseOutcomes(outcome.run.id).map(caseResultKey)).toEqual(results.map(caseResultKey));
    expect(new Set(seen).size).toBe(28);
    expect(outcome.run.status).toBe('completed');
    expect(store.getRun(outcome.run.id)).toMatchObject({ status: 'completed', plannedResults: 28, datasetHash: dataset.hash });
    const oracle = results.filter((result) => result.model === 'sim:oracle');
    expect(oracle.every((result) => result.status === 'pass')).toBe(true);
    expect(results.every((result) => result.traceId === undefined || /^[0-9a-f]{32}$/.test(result.traceId))).toBe(true);
    expect(results.filter((result) => result.caseId === 'notes').every((result) => result.agent === 'react')).toBe(true);
    for (const result of results) expect(result.checks.length).toBeGreaterThan(0);
    store.close();
  });

  it('reproduces a run exactly from its seed, and gives epochs different seeds', async () => {
    const firstStore = freshStore('repro-a');
    const secondStore = freshStore('repro-b');
    const first = firstStore.caseResults((await runEval({ dataset, store: firstStore, provider, config: config({ models: ['sim:weak'] }) })).run.id);
    const second = secondStore.caseResults((await runEval({ dataset, store: secondStore, provider, config: config({ models: ['sim:weak'] }) })).run.id);
    const view = (results: typeof first) => results.map((result) => [caseResultKey(result), result.status, result.seed, result.toolsCalled.join(','), result.inputTokens, result.outputTokens]);
    expect(view(second)).toEqual(view(first));
    const seeds = first.filter((result) => result.caseId === 'water' && result.agent === 'react').map((result) => result.seed);
    expect(new Set(seeds).size).toBe(2);
  });

  it('runs one shard of the filtered matrix', async () => {
    const store = freshStore('shard');
    const one = await runEval({ dataset, store, provider, config: config({ filter: 'tag:search', shard: '1/2' }) });
    const two = await runEval({ dataset, store, provider, config: config({ filter: 'tag:search', shard: '2/2' }) });
    const results = [...store.caseResults(one.run.id), ...store.caseResults(two.run.id)];
    const keys = results.map(caseResultKey);
    expect(keys).toHaveLength(16);
    expect(new Set(keys).size).toBe(16);
    expect(new Set(results.map((result) => result.caseId))).toEqual(new Set(['water', 'python']));
    store.close();
  });

  it('refuses a filter that leaves nothing to run, before recording a run', async () => {
    const store = freshStore('empty');
    await expect(runEval({ dataset, store, provider, config: config({ filter: 'no-such-case' }) })).rejects.toMatchObject({ code: 'AGENTLAB_EVAL_EMPTY' });
    expect(store.listRuns()).toEqual([]);
    store.close();
  });

  it('resumes a run stopped midway: every cell exactly once, none lost, none repeated', async () => {
    const file = path.join(directory, 'resume.db');
    const controller = new AbortController();
    let finished = 0;
    const firstStore = openStore(file);
    const interrupted = await runEval({
      dataset,
      store: firstStore,
      provider,
      config: config({ concurrency: 2 }),
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === 'case-end' && ++finished === 9) controller.abort();
      },
    });
    expect(interrupted.interrupted).toBe(true);
    expect(interrupted.run.status).toBe('interrupted');
    const keptBefore = firstStore.caseResults(interrupted.run.id).map(caseResultKey);
    expect(keptBefore.length).toBeGreaterThanOrEqual(9);
    expect(keptBefore.length).toBeLessThan(28);
    firstStore.close();

    const secondStore = openStore(file);
    const ranAgain: string[] = [];
    const resumed = await runEval({
      dataset,
      store: secondStore,
      provider,
      config: config({ agents: ['react'] }),
      resumeRunId: interrupted.run.id,
      onProgress: (event) => event.type === 'case-end' && ranAgain.push(caseResultKey(event.result)),
    });
    expect(resumed.run.id).toBe(interrupted.run.id);
    expect(resumed.run.status).toBe('completed');
    const keys = secondStore.caseResults(resumed.run.id).map(caseResultKey);
    expect(keys).toHaveLength(28);
    expect(new Set(keys).size).toBe(28);
    expect(ranAgain.filter((key) => keptBefore.includes(key))).toEqual([]);
    expect(ranAgain.length + keptBefore.length).toBe(28);
    secondStore.close();
  });
});
