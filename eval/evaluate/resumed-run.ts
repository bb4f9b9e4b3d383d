// The run `--resume` names and the dataset it was made on: a resume without a dataset argument reads
// the file the run recorded, and says plainly when that file is gone (a changed file is refused by
// the runner, which compares the hashes).
import type { EvalStore, RunRecord } from '../../store/index.js';
import { DatasetNotFoundError, loadDataset, type Dataset } from '../dataset/index.js';
import { EvalError } from '../errors.js';

/** The run with this id or id prefix; throws AGENTLAB_RUN_NOT_FOUND or AGENTLAB_RUN_ID_AMBIGUOUS. */
export async function findRunToResume(store: EvalStore, idOrPrefix: string): Promise<RunRecord> {
  const run = await store.getRun(await store.resolveRunId(idOrPrefix));
  if (!run) throw new EvalError('AGENTLAB_RUN_NOT_FOUND', `there is no run ${idOrPrefix} to resume in ${store.location}`);
  return run;
}

/** `given` when the user named a dataset, else the one the run recorded. */
export async function loadResumedDataset(run: RunRecord, given: string | undefined, cwd: string): Promise<Dataset> {
  if (given !== undefined) return loadDataset(given, { cwd });
  try {
    return await loadDataset(run.datasetPath, { cwd });
  } catch (error) {
    if (!(error instanceof DatasetNotFoundError)) throw error;
    throw new EvalError(
      'AGENTLAB_RESUME_DATASET_MISSING',
      `run ${run.id} was made on ${run.datasetPath}, which no longer exists or cannot be read: restore it, or name the same dataset: agentlab eval <dataset> --resume ${run.id}`,
      { cause: error },
    );
  }
}
