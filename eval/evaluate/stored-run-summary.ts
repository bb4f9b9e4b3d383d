// The verdict on a run already in the store, without running anything: the summary, the comparison
// with a baseline and the gates, plus one more gate a CI summary job needs: the run is complete. A run
// made by shards that still waits on one (missing, interrupted, running) fails it, naming the shards,
// so a merged or shared run is never passed on the results of some shards only.
import type { EvalStore, RunRecord } from '../../store/index.js';
import { EvalError } from '../errors.js';
import type { GateResult, RunSummaryReport } from '../outputs/index.js';
import { shardCountOf } from '../runner/index.js';
import { describeShards } from './shard-verdict.js';
import { summarizeRun, type GateOptions } from './summarize-run.js';

/** The run with this id or prefix, or with none the newest run in the store. */
export async function findStoredRun(store: EvalStore, idOrPrefix: string | undefined): Promise<RunRecord> {
  if (idOrPrefix === undefined) {
    const newest = (await store.listRuns({ limit: 1 }))[0];
    if (!newest) throw new EvalError('AGENTLAB_RUN_NOT_FOUND', `${store.location} holds no run`);
    return newest;
  }
  const run = await store.getRun(await store.resolveRunId(idOrPrefix));
  if (!run) throw new EvalError('AGENTLAB_RUN_NOT_FOUND', `there is no run ${idOrPrefix} in ${store.location}`);
  return run;
}

async function completenessGate(store: EvalStore, run: RunRecord): Promise<GateResult> {
  if (run.status === 'completed') return { gate: 'complete', passed: true, detail: `run ${run.id} completed` };
  const shards = run.config.shards === undefined ? '' : ` (shards ${describeShards(shardCountOf(run.config), await store.runShards(run.id))})`;
  const held = (await store.caseOutcomes(run.id)).length;
  return { gate: 'complete', passed: false, detail: `run ${run.id} is ${run.status}${shards}: it holds ${held} of ${run.plannedResults} planned results` };
}

export async function summarizeStoredRun(store: EvalStore, run: RunRecord, options: GateOptions): Promise<RunSummaryReport> {
  const summary = await summarizeRun(store, run, options);
  return { ...summary, gates: [await completenessGate(store, run), ...summary.gates] };
}
