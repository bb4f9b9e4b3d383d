// The summary of a run: one ResultSummary per (model, agent), and one over everything, all with the
// same k so their pass@k and pass^k can be set side by side.
import type { CaseOutcome } from '../../store/index.js';
import { tallyCases } from './case-tally.js';
import { summarizeResultSet, type ResultSummary } from './result-summary.js';

export interface GroupSummary extends ResultSummary {
  model: string;
  agent: string;
}

export interface SummaryOptions {
  /** k of pass@k and pass^k; by default the fewest graded epochs any case has. */
  k?: number;
}

export interface ResultsSummary {
  /** Sorted by model, then agent. */
  groups: GroupSummary[];
  overall: ResultSummary;
}

/**
 * The fewest graded (pass or fail) epochs of any (case, agent, model) that has one, so every case
 * enters pass@k: normally the run's epochs, fewer where errors took some. 0 when nothing was graded.
 */
export function defaultK(results: readonly CaseOutcome[]): number {
  const graded = tallyCases(results)
    .map((tally) => tally.passed + tally.failed)
    .filter((count) => count > 0);
  return graded.length > 0 ? Math.min(...graded) : 0;
}

export function summarizeResults(results: readonly CaseOutcome[], options: SummaryOptions = {}): ResultsSummary {
  if (options.k !== undefined && !(Number.isInteger(options.k) && options.k >= 1)) {
    throw new RangeError(`k must be a whole number of at least 1, got ${options.k}`);
  }
  const k = options.k ?? defaultK(results);
  const byGroup = new Map<string, { model: string; agent: string; results: CaseOutcome[] }>();
  for (const result of results) {
    const key = JSON.stringify([result.model, result.agent]);
    let group = byGroup.get(key);
    if (!group) {
      group = { model: result.model, agent: result.agent, results: [] };
      byGroup.set(key, group);
    }
    group.results.push(result);
  }
  const groups = [...byGroup.values()]
    .sort((left, right) => left.model.localeCompare(right.model) || left.agent.localeCompare(right.agent))
    .map((group) => ({ model: group.model, agent: group.agent, ...summarizeResultSet(group.results, k) }));
  return { groups, overall: summarizeResultSet(results, k) };
}
