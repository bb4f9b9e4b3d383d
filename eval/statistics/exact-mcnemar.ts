// The exact McNemar test on paired pass/fail outcomes: did the candidate pass cases the baseline
// failed (or the reverse) more often than chance would explain? Only the discordant pairs count.
import { fairBinomialLowerTail } from './binomial-tail.js';
import { SIGNIFICANCE_LEVEL } from './constants.js';

export interface PairedOutcome {
  baselinePassed: boolean;
  candidatePassed: boolean;
}

export type ComparisonVerdict = 'regressed' | 'improved' | 'no significant change';

export interface McNemarResult {
  /** Pairs the baseline passed and the candidate failed. */
  b: number;
  /** Pairs the baseline failed and the candidate passed. */
  c: number;
  /** b + c. */
  discordant: number;
  /** Two-sided exact p-value: min(1, 2 × P(X ≤ min(b, c))), X ~ Bin(b + c, ½); 1 when b + c = 0. */
  pValue: number;
  verdict: ComparisonVerdict;
}

/** `regressed` or `improved` only when p < alpha; otherwise `no significant change`. */
export function exactMcNemar(pairs: readonly PairedOutcome[], alpha: number = SIGNIFICANCE_LEVEL): McNemarResult {
  let b = 0;
  let c = 0;
  for (const pair of pairs) {
    if (pair.baselinePassed && !pair.candidatePassed) b++;
    else if (!pair.baselinePassed && pair.candidatePassed) c++;
  }
  const discordant = b + c;
  const pValue = discordant === 0 ? 1 : Math.min(1, 2 * fairBinomialLowerTail(Math.min(b, c), discordant));
  const verdict: ComparisonVerdict = pValue < alpha && b > c ? 'regressed' : pValue < alpha && c > b ? 'improved' : 'no significant change';
  return { b, c, discordant, pValue, verdict };
}
