// A store that looks like a week of nightly CI: seven runs of one dataset a day apart over sixteen
// model × agent series, a run stopped half-way (interrupted) on one of those nights, and a single
// older run of a second dataset. Real evals on the simulator, so pages read what a user's store holds.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDataset, runEval } from '../../eval/index.js';
import type { Dataset, EvalOutcome } from '../../eval/index.js';
import { ModelProvider } from '../../models/index.js';
import { openStore } from '../../store/index.js';
import type { RunConfig, RunRecord, Store } from '../../store/index.js';

const day = 86_400_000;

const nightlyCases = [
  { id: 'water', goal: 'Search for the boiling point of water', expected_tools: ['search_web'], expected_output_contains: ['100 °C'] },
  { id: 'python', goal: 'Who created Python?', expected_tools: ['search_web'], expected_output_contains: ['Guido van Rossum'] },
  { id: 'everest', goal: 'Search for the height of Mount Everest', expected_tools: ['search_web'], expected_output_contains: ['8,849'] },
  { id: 'product', goal: 'Calculate 17 * 23', expected_tools: ['calculator'], expected_output_contains: ['391'] },
  { id: 'sum', goal: 'Compute 1234 + 4321', expected_tools: ['calculator'], expected_output_contains: ['5555'] },
];

const smokeCases = nightlyCases.slice(0, 2);

export const nightlyAgents = ['react', 'plan-execute', 'supervisor', 'pipeline'];
export const nightlyModels = ['sim:oracle', 'sim:strong', 'sim:weak', 'sim:looping'];

export interface NightlyRunsFixture {
  directory: string;
  store: Store;
  /** The dataset of the nightly runs, and of the newest run. */
  nightlyDatasetPath: string;
  /** A second dataset with a single run, older than the nightly ones. */
  smokeDatasetPath: string;
  /** The seven completed nightly runs, oldest first. */
  nightly: RunRecord[];
  interrupted: RunRecord;
  smoke: RunRecord;
  cleanUp(): Promise<void>;
}

export interface NightlyRunsOptions {
  /** Where the store file goes; a fresh temp folder by default (removed by cleanUp). */
  directory?: string;
  /** The start of the last nightly run; the others start a day apart before it. Default: an hour ago. */
  lastNightAt?: number;
}

async function writeDataset(file: string, cases: readonly object[]): Promise<Dataset> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, cases.map((item) => JSON.stringify(item)).join('\n'));
  return loadDataset(file);
}

export async function nightlyRunsFixture(options: NightlyRunsOptions = {}): Promise<NightlyRunsFixture> {
  const ownsDirectory = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(path.join(tmpdir(), 'agentlab-nightly-')));
  const nightlyDataset = await writeDataset(path.join(directory, 'datasets', 'golden', 'agent-tasks.jsonl'), nightlyCases);
  const smokeDataset = await writeDataset(path.join(directory, 'datasets', 'golden', 'smoke.jsonl'), smokeCases);
  const store = openStore(path.join(directory, 'agentlab.db'));
  const provider = new ModelProvider({ latency: 'zero' });
  const lastNightAt = options.lastNightAt ?? Date.now() - 3_600_000;
  const config: RunConfig = { agents: nightlyAgents, models: nightlyModels, epochs: 1, concurrency: 16, seed: 1, caseTimeoutMs: 20_000 };
  const run = (dataset: Dataset, at: number, runConfig: RunConfig, signal?: AbortSignal, onCaseEnd?: () => void): Promise<EvalOutcome> =>
    runEval({ dataset, store, provider, config: runConfig, now: () => at, ...(signal ? { signal } : {}), ...(onCaseEnd ? { onProgress: (event) => event.type === 'case-end' && onCaseEnd() } : {}) });
  try {
    const smoke = await run(smokeDataset, lastNightAt - 9 * day, { ...config, agents: ['react'], models: ['sim:strong', 'sim:weak'], seed: 100 });
    const nightly: RunRecord[] = [];
    let interrupted: RunRecord | undefined;
    for (let night = 6; night >= 0; night -= 1) {
      const at = lastNightAt - night * day;
      nightly.push((await run(nightlyDataset, at, { ...config, seed: 10 + night })).run);
      if (night === 3) {
        // Someone ran it again by hand that morning and pressed Ctrl+C a few cases in.
        const stop = new AbortController();
        let finished = 0;
        const outcome = await run(nightlyDataset, at + 6 * 3_600_000, { ...config, agents: ['react'], models: ['sim:strong'], seed: 99 }, stop.signal, () => {
          finished += 1;
          if (finished === 2) stop.abort();
        });
        interrupted = outcome.run;
      }
    }
    if (interrupted?.status !== 'interrupted') throw new Error(`the run meant to be interrupted ended ${interrupted?.status ?? 'missing'}`);
    return {
      directory,
      store,
      nightlyDatasetPath: nightlyDataset.path,
      smokeDatasetPath: smokeDataset.path,
      nightly,
      interrupted,
      smoke: smoke.run,
      cleanUp: async () => {
        store.close();
        if (ownsDirectory) await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    store.close();
    if (ownsDirectory) await rm(directory, { recursive: true, force: true });
    throw error;
  } finally {
    await provider.close();
  }
}
