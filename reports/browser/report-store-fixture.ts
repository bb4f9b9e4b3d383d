// A temp SQLite store filled the way a user fills one: two real evals on the simulator a day apart
// ending now (react and pipeline on sim:strong and sim:weak, two epochs, traced into the store with
// captured messages and tool arguments), plus
// a case result with hostile output in the newer run, for the browser tests to serve and click through.
import type { Store } from '../../store/index.js';
import { evalFixture, type FixtureRun } from '../test-support.js';
import { addHostileResult } from './hostile-output.js';
import type { HostileResult } from './hostile-output.js';

const day = 86_400_000;

export interface ReportStoreFixture {
  directory: string;
  store: Store;
  /** The older run first. */
  runs: [FixtureRun, FixtureRun];
  hostile: HostileResult;
  cleanUp(): Promise<void>;
}

export async function reportStoreFixture(): Promise<ReportStoreFixture> {
  // Ending now, so the pages' default windows (trends, costs) hold both runs.
  const fixture = await evalFixture({ agents: ['react', 'pipeline'], models: ['sim:strong', 'sim:weak'], seed: 11, firstRunAt: Date.now() - day, captureContent: true });
  try {
    const hostile = addHostileResult(fixture.store, fixture.runs[1].run);
    return { directory: fixture.directory, store: fixture.store, runs: fixture.runs, hostile, cleanUp: fixture.cleanUp };
  } catch (error) {
    await fixture.cleanUp();
    throw error;
  }
}
