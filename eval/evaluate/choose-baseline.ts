// The run a new run is compared with, chosen before the new one is recorded: a baseline named by id
// must exist; `latest` is the newest completed run on the same dataset whose results cover every cell
// of this run. When the baseline covers only some cells, the comparison is limited to those and a
// warning says so, so a verdict over a handful of pairs is never mistaken for one over the whole run.
import { caseResultKey, type EvalStore, type RunRecord } from '../../store/index.js';
import { EvalError } from '../errors.js';
import type { MatrixCell } from '../runner/index.js';
import { latestBaselineCandidates } from './constants.js';

export interface BaselineChoice {
  /** The run to compare with; undefined when `latest` found no completed run on the dataset. */
  run?: RunRecord;
  /** Set when the baseline does not cover every cell of this run. */
  warning?: string;
}

export interface ChooseBaselineOptions {
  /** `latest` or a run id (or a prefix of one). */
  baseline: string;
  datasetHash: string;
  /** The cells this run will make. */
  cells: readonly MatrixCell[];
  /** The run being resumed, which is never its own baseline. */
  excludeId?: string;
}

async function coveredCells(store: EvalStore, run: RunRecord, keys: readonly string[]): Promise<number> {
  const held = await store.completedKeys(run.id);
  return keys.filter((key) => held.has(key)).length;
}

function limitedTo(covered: number, total: number): string {
  return covered === 0 ? `shares no cell with this run's ${total}, so there is nothing to compare` : `covers ${covered} of this run's ${total} cells: the comparison is limited to those ${covered}`;
}

export async function chooseBaseline(store: EvalStore, options: ChooseBaselineOptions): Promise<BaselineChoice> {
  const keys = options.cells.map((cell) => caseResultKey({ caseId: cell.goldenCase.id, agent: cell.agent, model: cell.model, epoch: cell.epoch }));
  if (options.baseline !== 'latest') {
    let run: RunRecord | undefined;
    try {
      run = await store.getRun(await store.resolveRunId(options.baseline));
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'AGENTLAB_RUN_NOT_FOUND') throw error;
    }
    if (!run) throw new EvalError('AGENTLAB_BASELINE_NOT_FOUND', `--baseline ${options.baseline}: there is no such run in ${store.location}`);
    const covered = await coveredCells(store, run, keys);
    if (covered === keys.length) return { run };
    return { run, warning: `baseline ${run.id} ${limitedTo(covered, keys.length)}` };
  }
  const candidates = (
    await store.listRuns({ datasetHash: options.datasetHash, status: 'completed', limit: latestBaselineCandidates + 1 })
  )
    .filter((run) => run.id !== options.excludeId)
    .slice(0, latestBaselineCandidates);
  if (candidates.length === 0) return {};
  let best: { run: RunRecord; covered: number } | undefined;
  for (const run of candidates) {
    const covered = await coveredCells(store, run, keys);
    if (covered === keys.length) return { run };
    if (!best || covered > best.covered) best = { run, covered };
  }
  return {
    run: best!.run,
    warning: `--baseline latest: no recent completed run on this dataset covers every cell of this run; the closest, ${best!.run.id}, ${limitedTo(best!.covered, keys.length)}`,
  };
}
