// A temp SQLite store filled the way a user fills one: two real evals on the simulator a day apart
// (react and pipeline on sim:strong and sim:weak, two epochs, traced into the store), plus a case
// result with hostile output in the newer run, for the browser tests to serve and click through.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDataset, runEval } from '../../eval/index.js';
import type { EvalOutcome } from '../../eval/index.js';
import { ModelProvider } from '../../models/index.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { setupTracing } from '../../tracing/index.js';
import { addHostileResult } from './hostile-output.js';
import type { HostileResult } from './hostile-output.js';

const cases = [
  { id: 'water', goal: 'Search for the boiling point of water', expected_tools: ['search_web'], expected_output_contains: ['100 °C'], tags: ['search'] },
  { id: 'math', goal: 'Calculate 17 * 23', expected_tools: ['calculator'], expected_output_contains: ['391'], tags: ['math'] },
  { id: 'python', goal: 'Who created Python?', expected_tools: ['search_web'], expected_output_contains: ['Guido van Rossum'], tags: ['search'] },
];

const day = 86_400_000;

export interface ReportStoreFixture {
  directory: string;
  store: Store;
  /** The older run first. */
  runs: [EvalOutcome, EvalOutcome];
  hostile: HostileResult;
  cleanUp(): Promise<void>;
}

export async function reportStoreFixture(): Promise<ReportStoreFixture> {
  const directory = await mkdtemp(path.join(tmpdir(), 'agentlab-browser-'));
  const datasetPath = path.join(directory, 'cases.jsonl');
  await writeFile(datasetPath, cases.map((item) => JSON.stringify(item)).join('\n'));
  const dataset = await loadDataset(datasetPath);
  const store = openStore(path.join(directory, 'agentlab.db'));
  const provider = new ModelProvider({ latency: 'zero' });
  const tracing = setupTracing({ sinks: [store.spanSink()], environment: {}, exportDelayMs: 10 });
  const config = { agents: ['react', 'pipeline'], models: ['sim:strong', 'sim:weak'], epochs: 2, concurrency: 4, seed: 11, caseTimeoutMs: 20_000 };
  try {
    // A day apart, so trends have two days and compare has a previous run.
    const first = await runEval({ dataset, store, provider, config, tracer: tracing.tracer, now: () => Date.now() - day });
    const second = await runEval({ dataset, store, provider, config: { ...config, seed: 12 }, tracer: tracing.tracer });
    await tracing.forceFlush();
    await tracing.shutdown();
    const hostile = addHostileResult(store, second.run);
    return {
      directory,
      store,
      runs: [first, second],
      hostile,
      cleanUp: async () => {
        store.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    store.close();
    await rm(directory, { recursive: true, force: true });
    throw error;
  } finally {
    await provider.close();
  }
}
