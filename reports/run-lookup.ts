// Finds the run a URL names (a full id or an unambiguous prefix), as a 404 or 400 the pages answer with.
import { StoreError } from '../store/index.js';
import type { RunRecord, StoreBackend } from '../store/index.js';
import { badRequest, notFound } from './errors.js';

export async function lookUpRun(store: StoreBackend, idOrPrefix: string): Promise<RunRecord> {
  try {
    const run = await store.getRun(await store.resolveRunId(idOrPrefix));
    if (run) return run;
  } catch (error) {
    if (error instanceof StoreError && error.code === 'AGENTLAB_RUN_ID_AMBIGUOUS') throw badRequest(error.message, error);
    if (!(error instanceof StoreError && error.code === 'AGENTLAB_RUN_NOT_FOUND')) throw error;
  }
  throw notFound(`Run ${JSON.stringify(idOrPrefix)}`);
}
