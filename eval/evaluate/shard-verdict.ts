// What a shard of a run made by several processes says when it ends. Only the run's results decide
// gates, so while other shards have yet to complete the run, a shard decides none (its exit code then
// says only whether its own cells were made): the shard that completes the run decides them over the
// whole run, as `agentlab summary <run>` does afterwards.
import type { RunShardRecord } from '../../store/index.js';
import type { RunSummaryReport } from '../outputs/index.js';
import type { EvalOutcome } from '../runner/index.js';

function listIndexes(indexes: readonly number[]): string {
  return indexes.join(', ');
}

/** Which of the n shards are where, e.g. `2 running; 4 interrupted; 3 not started`. */
export function describeShards(count: number, shards: readonly RunShardRecord[]): string {
  const byIndex = new Map(shards.map((shard) => [shard.index, shard.status]));
  const parts: string[] = [];
  for (const status of ['completed', 'running', 'interrupted'] as const) {
    const indexes = shards.filter((shard) => shard.status === status).map((shard) => shard.index);
    if (indexes.length > 0) parts.push(`${listIndexes(indexes)} ${status}`);
  }
  const missing = Array.from({ length: count }, (_, position) => position + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) parts.push(`${listIndexes(missing)} not started`);
  return parts.join('; ');
}

/** The summary with its gates left undecided while the run waits on other shards, and a note saying so. */
export function shardVerdict(summary: RunSummaryReport, outcome: EvalOutcome): { summary: RunSummaryReport; note?: string } {
  const { shard, run } = outcome;
  if (!shard) return { summary };
  const shards = describeShards(shard.count, shard.shards);
  if (run.status === 'completed') return { summary, note: `shard ${shard.index}/${shard.count} completed run ${run.id} (shards ${shards}): the gates are decided over the whole run` };
  return {
    summary: { ...summary, gates: [] },
    note: `shard ${shard.index}/${shard.count} of run ${run.id} ${outcome.interrupted ? 'was interrupted' : 'is done'}; the run's shards: ${shards}. Its gates are decided once every shard has completed: by the shard that completes it, or by agentlab summary ${run.id}`,
  };
}
