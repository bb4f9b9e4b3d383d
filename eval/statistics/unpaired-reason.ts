// Why a comparison with a baseline has nothing to compare: a McNemar test over no pairs says
// "no significant change (p = 1.00)", which reads as a verdict when it is the absence of one.
import type { PairedComparison } from './paired-comparison.js';

/** Why no pair entered the test, for a person; undefined when some did. */
export function unpairedReason(comparison: PairedComparison): string | undefined {
  if (comparison.paired > 0) return undefined;
  const shared = comparison.excludedErrors;
  if (shared === 0) {
    const { baseline, candidate } = comparison.unmatched;
    return `no shared cells: the baseline's ${baseline} and this run's ${candidate} results have no case, agent, model and epoch in common`;
  }
  return `no shared cells with a verdict on both sides: all ${shared} shared ${shared === 1 ? 'cell is an error' : 'cells are errors'} in one run or both`;
}
