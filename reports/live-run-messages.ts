// What the run page's event stream sends: a snapshot of the run first, then each progress event of
// the eval in a slim form (a finished case as the same ResultRow the page lists, case card included,
// so a row that arrives live expands like the others).
import type { EvalProgressEvent } from '../eval/index.js';
import type { CaseDefinition, GroupTotals, RunRecord, RunStatus } from '../store/index.js';
import type { LiveRunState } from './live-run-hub.js';
import { toResultRow } from './result-row.js';
import type { ResultRow } from './result-row.js';

export interface RunSnapshotMessage {
  runId: string;
  status: RunStatus;
  /** Running in this process; when false and the status is final, nothing more will come. */
  live: boolean;
  done: number;
  total: number;
  passed: number;
  failed: number;
  errors: number;
}

export type LiveRunMessage =
  | { event: 'eval-start'; data: { runId: string; total: number; alreadyDone: number } }
  | { event: 'case-start'; data: { caseId: string; agent: string; model: string; epoch: number } }
  | { event: 'case-end'; data: { done: number; total: number; result: ResultRow } }
  | { event: 'eval-end'; data: { runId: string; status: RunStatus; done: number; total: number; interrupted: boolean } };

/** The run as the store has it (its group totals, `store.runGroupTotals`), with the hub's progress when it is live here. */
export function runSnapshot(run: RunRecord, groups: readonly GroupTotals[], live: LiveRunState | undefined): RunSnapshotMessage {
  const counts = { results: 0, passed: 0, failed: 0, errors: 0 };
  for (const group of groups) {
    counts.results += group.results;
    counts.passed += group.passed;
    counts.failed += group.failed;
    counts.errors += group.errors;
  }
  return {
    runId: run.id,
    status: live ? 'running' : run.status,
    live: live !== undefined,
    done: live ? live.done : counts.results,
    total: live ? live.total : run.plannedResults,
    passed: counts.passed,
    failed: counts.failed,
    errors: counts.errors,
  };
}

/** A case's definition in the run's dataset, for the card of a finished case; undefined when the store has none. */
export type CaseDefinitionLookup = (caseId: string) => CaseDefinition | undefined;

export function liveRunMessage(event: EvalProgressEvent, definitionOf: CaseDefinitionLookup = () => undefined): LiveRunMessage {
  switch (event.type) {
    case 'eval-start':
      return { event: 'eval-start', data: { runId: event.run.id, total: event.total, alreadyDone: event.alreadyDone } };
    case 'case-start':
      return { event: 'case-start', data: { caseId: event.caseId, agent: event.agent, model: event.model, epoch: event.epoch } };
    case 'case-end':
      return { event: 'case-end', data: { done: event.done, total: event.total, result: toResultRow(event.result, definitionOf(event.result.caseId)) } };
    case 'eval-end':
      return { event: 'eval-end', data: { runId: event.run.id, status: event.run.status, done: event.done, total: event.total, interrupted: event.interrupted } };
  }
}
