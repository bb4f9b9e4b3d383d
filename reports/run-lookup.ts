// Finds the run a URL names (a full id or an unambiguous prefix), as a 404 or 400 the pages answer with.
import { StoreError } from '../store/index.js';
import type { RunRecord, Store } from '../store/index.js';
import { badRequest, notFound } from './errors.js';

export function lookUpRun(store: Store, idOrPrefix: string): RunRecord {
  try {
    const run = store.getRun(store.resolveRunId(idOrPrefix));
    if (run) return run;
  } catch (error) {
    if (error instanceof StoreError && error.code === 'AGENTLAB_RUN_ID_AMBIGUOUS') throw badRequest(error.message, error);
    if (!(error instanceof StoreError && error.code === 'AGENTLAB_RUN_NOT_FOUND')) throw error;
  }
  throw notFound(`Run ${JSON.stringify(idOrPrefix)}`);
}
