// The lower tail of a fair-coin binomial, P(X ≤ successes) with X ~ Bin(trials, ½): what the exact
// McNemar test needs.

/**
 * Summed term by term in log space, log C(n, i) − n·log 2, so thousands of trials neither overflow
 * the coefficients nor underflow 2⁻ⁿ to zero.
 */
export function fairBinomialLowerTail(successes: number, trials: number): number {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || trials < 0) {
    throw new RangeError(`expected whole numbers, got ${successes} of ${trials}`);
  }
  if (successes < 0) return 0;
  if (successes >= trials) return 1;
  let logTerm = -trials * Math.LN2;
  let total = Math.exp(logTerm);
  for (let index = 1; index <= successes; index++) {
    logTerm += Math.log((trials - index + 1) / index);
    total += Math.exp(logTerm);
  }
  return Math.min(1, total);
}
