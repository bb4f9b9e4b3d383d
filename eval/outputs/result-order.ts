// One order for results in every output — model, agent, case, epoch — so outputs diff cleanly.
import type { CaseResultRecord } from '../../store/index.js';

export function compareResults(left: CaseResultRecord, right: CaseResultRecord): number {
  return left.model.localeCompare(right.model) || left.agent.localeCompare(right.agent) || left.caseId.localeCompare(right.caseId) || left.epoch - right.epoch;
}

export function sortResults(results: readonly CaseResultRecord[]): CaseResultRecord[] {
  return [...results].sort(compareResults);
}
