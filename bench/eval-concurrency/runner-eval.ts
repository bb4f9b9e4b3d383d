// One eval of the reply cases by the runner itself, in this process, set up as `agentlab eval` sets
// it up: the react agent on `openai:oracle` (the simulator process as an OpenAI endpoint), tracing
// into the store, results to a fresh SQLite file. Checked: completed, every case passed.
import { rm } from 'node:fs/promises';
import { runEval, type Dataset } from '../../eval/index.js';
import type { ModelProvider } from '../../models/index.js';
import { openStore } from '../../store/index.js';
import { normalizingSink, setupTracing } from '../../tracing/index.js';
import { CONCURRENCY } from './constants.js';

export interface RunnerEvalRun {
  /** The run's own duration, from its record. */
  runMs: number;
  /** Each case's time, from its result. */
  latenciesMs: number[];
}

export async function runRunnerEval(dataset: Dataset, provider: ModelProvider, storePath: string): Promise<RunnerEvalRun> {
  const store = openStore(storePath);
  const tracing = setupTracing({ environment: {}, sinks: [normalizingSink(store)] });
  try {
    const { run } = await runEval({
      dataset,
      store,
      provider,
      tracer: tracing.tracer,
      config: { agents: ['react'], models: ['openai:oracle'], epochs: 1, concurrency: CONCURRENCY, seed: 1, caseTimeoutMs: 60_000 },
    });
    await tracing.forceFlush();
    const results = store.caseOutcomes(run.id);
    const passed = results.filter((result) => result.status === 'pass').length;
    if (run.status !== 'completed' || run.finishedAt === undefined || passed !== dataset.cases.length) {
      throw new Error(`runner eval ${run.id} ended ${run.status} with ${passed} of ${dataset.cases.length} cases passed`);
    }
    return { runMs: run.finishedAt - run.startedAt, latenciesMs: results.map((result) => result.latencyMs) };
  } finally {
    await tracing.shutdown();
    store.close();
    await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${storePath}${suffix}`, { force: true })));
  }
}
