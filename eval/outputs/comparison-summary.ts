// The comparison with a baseline in words, shared by the terminal and Markdown.
import { unpairedReason, type FlippedCase } from '../statistics/index.js';
import { formatPValue } from './format-figures.js';
import type { BaselineComparison } from './run-report.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What follows the verdict: `(p = 0.0156): 7 regressions, 0 improvements over 20 paired results; 2 pairs left out for errors`. */
export function describeComparison(comparison: BaselineComparison): string {
  const { result } = comparison;
  const notes = [
    result.excludedErrors > 0 ? `${plural(result.excludedErrors, 'pair')} left out for errors` : '',
    result.unmatched.baseline + result.unmatched.candidate > 0
      ? `${result.unmatched.baseline} baseline and ${result.unmatched.candidate} new results without a partner`
      : '',
  ].filter(Boolean);
  const counts = `${plural(result.flipped.regressions.length, 'regression')}, ${plural(result.flipped.improvements.length, 'improvement')} over ${plural(result.paired, 'paired result')}`;
  return `(p = ${formatPValue(result.pValue)}): ${counts}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`;
}

/**
 * The verdict and what follows it, or `could not compare: …` when no pair entered the test (a
 * McNemar test over nothing would read "no significant change (p = 1.00)").
 */
export function comparisonVerdict(comparison: BaselineComparison): { verdict: string; detail: string } {
  const unpaired = unpairedReason(comparison.result);
  if (unpaired) return { verdict: 'could not compare', detail: `: ${unpaired}` };
  return { verdict: comparison.result.verdict, detail: ` ${describeComparison(comparison)}` };
}

/** `calc-1 · react · sim:strong #2`. */
export function describeFlipped(flip: FlippedCase): string {
  return [flip.caseId, flip.agent, flip.model].filter((part) => part !== undefined).join(' · ') + ` #${flip.epoch}`;
}
