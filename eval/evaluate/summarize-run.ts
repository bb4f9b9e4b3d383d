// A finished run as the summary table, the gates and the outputs see it: statistics from the
// store's light case outcomes, its errors grouped, the comparison with a baseline, and every gate's verdict.
import type { EvalStore, RunRecord } from '../../store/index.js';
import { EvalError } from '../errors.js';
import { decideGates, type GateSettings } from '../gates/index.js';
import type { RunReport, RunSummaryReport } from '../outputs/index.js';
import { compareRuns, groupErrors, summarizeResults } from '../statistics/index.js';

export interface GateOptions extends GateSettings {
  /** `latest` (the newest completed run on the same dataset) or a run id. */
  baseline?: string;
}

async function findBaseline(store: EvalStore, run: RunRecord, baseline: string): Promise<RunRecord | undefined> {
  if (baseline === 'latest') return store.latestRun({ datasetHash: run.datasetHash, status: 'completed', excludeId: run.id });
  const found = await store.getRun(await store.resolveRunId(baseline));
  if (!found) throw new EvalError('AGENTLAB_BASELINE_NOT_FOUND', `there is no baseline run ${baseline} in ${store.location}`);
  return found;
}

// Statistics read the light outcomes of the results, so that a run of 100,000 results is summarised
// without holding their checks and outputs in memory.
export async function summarizeRun(store: EvalStore, run: RunRecord, options: GateOptions): Promise<RunSummaryReport> {
  const outcomes = await store.caseOutcomes(run.id);
  // pass^k over the epochs asked for; a case with fewer graded epochs (errors) is left out of it, and
  // kept in pass^k counting errors, where its errors are failed tries.
  const { groups, overall } = summarizeResults(outcomes, { k: run.config.epochs });
  // Only the errored results are read whole, for their messages.
  const errorGroups = overall.errors > 0 ? groupErrors(await store.caseResults(run.id, { status: 'error' })) : [];
  let comparison: RunReport['comparison'];
  let baselineNote: string | undefined;
  if (options.baseline) {
    const baseline = await findBaseline(store, run, options.baseline);
    if (baseline) comparison = { baselineRunId: baseline.id, result: compareRuns(await store.caseOutcomes(baseline.id), outcomes) };
    else baselineNote = 'no earlier completed run on this dataset to compare with';
  }
  const gates = decideGates({ overall, errorGroups, ...(comparison ? { comparison } : {}), ...(baselineNote ? { baselineNote } : {}) }, options);
  return { run, groups, overall, errorGroups, ...(comparison ? { comparison } : {}), gates };
}
