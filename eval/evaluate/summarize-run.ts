// A finished run as the summary table, the gates and the outputs see it: statistics from the
// store's light case outcomes, the comparison with a baseline, and every gate's verdict.
import type { RunRecord, Store } from '../../store/index.js';
import { EvalError } from '../errors.js';
import type { RunReport, RunSummaryReport } from '../outputs/index.js';
import { compareRuns, summarizeResults } from '../statistics/index.js';

export interface GateOptions {
  /** `latest` (the newest completed run on the same dataset) or a run id. */
  baseline?: string;
  failOnRegression?: boolean;
  /** 0–1. */
  minSuccess?: number;
}

function findBaseline(store: Store, run: RunRecord, baseline: string): RunRecord | undefined {
  if (baseline === 'latest') return store.latestRun({ datasetHash: run.datasetHash, status: 'completed', excludeId: run.id });
  const found = store.getRun(store.resolveRunId(baseline));
  if (!found) throw new EvalError('AGENTLAB_BASELINE_NOT_FOUND', `there is no baseline run ${baseline} in ${store.path}`);
  return found;
}

// Statistics read the light outcomes of the results, so that a run of 100,000 results is summarised
// without holding their checks and outputs in memory.
export function summarizeRun(store: Store, run: RunRecord, options: GateOptions): RunSummaryReport {
  const outcomes = store.caseOutcomes(run.id);
  // pass^k over the epochs asked for; a case with fewer graded epochs (errors) is left out of it.
  const { groups, overall } = summarizeResults(outcomes, { k: run.config.epochs });
  const gates: RunReport['gates'] = [];
  let comparison: RunReport['comparison'];
  let baselineNote: string | undefined;
  if (options.baseline) {
    const baseline = findBaseline(store, run, options.baseline);
    if (baseline) comparison = { baselineRunId: baseline.id, result: compareRuns(store.caseOutcomes(baseline.id), outcomes) };
    else baselineNote = 'no earlier completed run on this dataset to compare with';
  }
  if (options.minSuccess !== undefined) {
    const rate = overall.successRate.rate;
    gates.push({ gate: 'min-success', passed: Number.isFinite(rate) && rate >= options.minSuccess, detail: `success rate ${(rate * 100).toFixed(1)}% (minimum ${(options.minSuccess * 100).toFixed(1)}%)` });
  }
  if (options.failOnRegression) {
    const verdict = comparison?.result.verdict;
    gates.push({
      gate: 'no-regression',
      passed: verdict !== 'regressed',
      detail: comparison ? `against ${comparison.baselineRunId}: ${verdict} (p = ${comparison.result.pValue.toPrecision(3)})` : (baselineNote ?? 'no baseline given'),
    });
  }
  return { run, groups, overall, ...(comparison ? { comparison } : {}), gates };
}
