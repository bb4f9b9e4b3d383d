// The Wilson score interval for a success rate: honest at small samples and at 0% or 100%, where the
// normal ("Wald") interval collapses to a single point.
import { Z_95 } from './constants.js';

export interface WilsonInterval {
  /** successes / trials; NaN when there were no trials. */
  rate: number;
  lower: number;
  upper: number;
}

/**
 * The Wilson score interval for `successes` out of `trials` at the confidence level `z` stands for
 * (95% by default). With no trials there is no rate: `rate` is NaN and the interval is the whole of
 * [0, 1], so a gate comparing the rate with a minimum fails rather than passes by accident.
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): WilsonInterval {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0 || successes > trials) {
    throw new RangeError(`wilsonInterval needs whole numbers 0 ≤ successes ≤ trials, got ${successes} of ${trials}`);
  }
  if (trials === 0) return { rate: Number.NaN, lower: 0, upper: 1 };
  const rate = successes / trials;
  const zSquared = z * z;
  const denominator = 1 + zSquared / trials;
  const centre = (rate + zSquared / (2 * trials)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((rate * (1 - rate)) / trials + zSquared / (4 * trials * trials));
  // At 0 and at `trials` the bound is exactly 0 or 1; rounding would otherwise leave 1e-17 or 0.9999999999999999.
  return {
    rate,
    lower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: successes === trials ? 1 : Math.min(1, centre + halfWidth),
  };
}
