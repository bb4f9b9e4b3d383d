// Flaky cases: a case that, for the same agent and model, passed in some epochs and failed in others.
import type { CaseOutcome } from '../../store/index.js';
import { tallyCases, type CaseTally } from './case-tally.js';

export interface FlakyCase extends CaseTally {
  /**
   * min(passed, failed) / (passed + failed): the share of graded epochs that went against the
   * majority. 0 would be a steady case; 0.5 is a coin toss. Errors are left out.
   */
  flakeRate: number;
}

/** Flaky cases, the most unsteady first (then by case, agent and model). */
export function flakyCases(results: readonly CaseOutcome[]): FlakyCase[] {
  return tallyCases(results)
    .filter((tally) => tally.passed > 0 && tally.failed > 0)
    .map((tally) => ({ ...tally, flakeRate: Math.min(tally.passed, tally.failed) / (tally.passed + tally.failed) }))
    .sort(
      (left, right) =>
        right.flakeRate - left.flakeRate || left.caseId.localeCompare(right.caseId) || left.agent.localeCompare(right.agent) || left.model.localeCompare(right.model),
    );
}
