// The comparison with a baseline in words, shared by the terminal and Markdown.
import type { FlippedCase } from '../statistics/index.js';
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

/** `calc-1 · react · sim:strong #2`. */
export function describeFlipped(flip: FlippedCase): string {
  return [flip.caseId, flip.agent, flip.model].filter((part) => part !== undefined).join(' · ') + ` #${flip.epoch}`;
}
