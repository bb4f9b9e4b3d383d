// The time each case of a finished run took, from its result in the store: how far above the
// simulator's fixed 100 ms a case ran, which tells what held the eval back from the ideal rate.
import { openStore } from '../../store/index.js';

export function caseLatenciesMs(storePath: string, runId: string): number[] {
  const store = openStore(storePath);
  try {
    return store.caseResults(runId).map((result) => result.latencyMs);
  } finally {
    store.close();
  }
}
