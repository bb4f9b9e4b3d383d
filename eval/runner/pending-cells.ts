// The cells a run still has to make: all of them for a new run; for a resumed one, those without a
// result; for `--retry-errors`, also those whose result is an error, which the new result replaces
// in place (the store keeps one result per run, case, agent, model and epoch).
import { caseResultKey } from '../../store/index.js';
import type { EvalStore } from './eval-store.js';
import type { MatrixCell } from './matrix.js';

export interface PendingOptions {
  /** The run being continued; undefined for a new run. */
  runId?: string;
  /** Run again the cells whose result is an error. */
  retryErrors?: boolean;
}

export async function pendingCells(cells: MatrixCell[], store: EvalStore, options: PendingOptions): Promise<MatrixCell[]> {
  if (options.runId === undefined) return cells;
  const done = await store.completedKeys(options.runId);
  if (options.retryErrors) {
    for (const outcome of await store.caseOutcomes(options.runId)) if (outcome.status === 'error') done.delete(caseResultKey(outcome));
  }
  if (done.size === 0) return cells;
  return cells.filter((cell) => !done.has(caseResultKey({ caseId: cell.goldenCase.id, agent: cell.agent, model: cell.model, epoch: cell.epoch })));
}
