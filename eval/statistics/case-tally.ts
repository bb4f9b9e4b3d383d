// Counts of pass, fail and error over the epochs of each (case, agent, model): the unit that pass@k,
// pass^k and flakiness are measured on.
import type { CaseOutcome } from '../../store/index.js';

export interface CaseTally {
  caseId: string;
  agent: string;
  model: string;
  passed: number;
  failed: number;
  errors: number;
}

/** One tally per (case, agent, model), in the order each first appears. */
export function tallyCases(results: readonly CaseOutcome[]): CaseTally[] {
  const tallies = new Map<string, CaseTally>();
  for (const result of results) {
    const key = JSON.stringify([result.caseId, result.agent, result.model]);
    let tally = tallies.get(key);
    if (!tally) {
      tally = { caseId: result.caseId, agent: result.agent, model: result.model, passed: 0, failed: 0, errors: 0 };
      tallies.set(key, tally);
    }
    if (result.status === 'pass') tally.passed++;
    else if (result.status === 'fail') tally.failed++;
    else tally.errors++;
  }
  return [...tallies.values()];
}
