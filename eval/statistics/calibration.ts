// Calibration of the confidence ratings an eval gave its answers (agents/confidence): does "0.8 sure"
// pass about 80% of the time? Per model × agent, a reliability diagram's bins, the Brier score, the
// expected calibration error, and how often escalated and kept answers passed, so that a threshold
// can be picked from data rather than guessed.
import type { CaseOutcome } from '../../store/index.js';
import { CALIBRATION_BINS } from './constants.js';
import { wilsonInterval, type WilsonInterval } from './wilson-interval.js';

/** What calibration reads of a result: its cell's model and agent, its status and its rating. */
export type CalibrationInput = Pick<CaseOutcome, 'model' | 'agent' | 'status' | 'confidence' | 'escalated'>;

/** One bar of the reliability diagram: the rated results whose confidence fell in [lower, upper). */
export interface ReliabilityBin {
  lower: number;
  /** The last bin includes 1. */
  upper: number;
  count: number;
  /** NaN when the bin is empty. */
  meanConfidence: number;
  /** Passed / count; NaN when the bin is empty. */
  passRate: number;
}

/** How often one side of the threshold passed. */
export interface EscalationSide {
  results: number;
  passed: number;
  /** Wilson 95%; NaN rate when the side is empty. */
  passRate: WilsonInterval;
}

export interface CalibrationGroup {
  model: string;
  agent: string;
  /** The threshold the answers were escalated below, when known. */
  threshold?: number;
  /** Rated results graded pass or fail (at least one): what every figure below is over. */
  rated: number;
  passed: number;
  /** Rated results left out because they are errors (the endpoint or the harness failed, not the answer). */
  excludedErrors: number;
  /** CALIBRATION_BINS equal-width bins from 0 to 1, empty ones included. */
  bins: ReliabilityBin[];
  /** Mean of (confidence − passed)²: 0 is perfect, 0.25 is always saying 0.5, 1 is sure and always wrong. */
  brierScore: number;
  /** Σ over bins of (count / rated) × |pass rate − mean confidence|: 0 when every bin passes as often as it is sure. */
  expectedCalibrationError: number;
  /** Mean confidence over the rated results. */
  meanConfidence: number;
  escalated: EscalationSide;
  notEscalated: EscalationSide;
}

export interface CalibrationOptions {
  /** The threshold an agent's answers were escalated below (the eval's settings). */
  thresholdFor?: (agent: string) => number | undefined;
  /** 10 by default. */
  bins?: number;
}

/** The bin a confidence falls in: [i/n, (i+1)/n), the last one closed at 1. */
export function binIndex(confidence: number, bins: number): number {
  return Math.min(bins - 1, Math.max(0, Math.floor(confidence * bins)));
}

function side(results: number, passed: number): EscalationSide {
  return { results, passed, passRate: wilsonInterval(passed, results) };
}

interface Tally {
  model: string;
  agent: string;
  excludedErrors: number;
  confidences: number[];
  passes: boolean[];
  escalated: boolean[];
}

/**
 * Per model × agent (sorted by model, then agent, as the summary table is), over the results that carry a
 * confidence. Pass is status `pass`; `fail` is not passing. `error` results are left out and
 * counted in `excludedErrors`: an error means the endpoint or the harness failed (scorers give
 * `error` only for those), so there is no graded answer for the rating to have been right about.
 * A result is escalated when it says so, or else when its confidence is below the threshold.
 * Groups without a single rated result are not listed.
 */
export function calibrate(results: Iterable<CalibrationInput>, options: CalibrationOptions = {}): CalibrationGroup[] {
  const binCount = options.bins ?? CALIBRATION_BINS;
  const tallies = new Map<string, Tally>();
  for (const result of results) {
    if (result.confidence === undefined || !Number.isFinite(result.confidence)) continue;
    const key = `${result.model}\u0000${result.agent}`;
    let tally = tallies.get(key);
    if (!tally) {
      tally = { model: result.model, agent: result.agent, excludedErrors: 0, confidences: [], passes: [], escalated: [] };
      tallies.set(key, tally);
    }
    if (result.status === 'error') {
      tally.excludedErrors++;
      continue;
    }
    const threshold = options.thresholdFor?.(result.agent);
    tally.confidences.push(result.confidence);
    tally.passes.push(result.status === 'pass');
    tally.escalated.push(result.escalated ?? (threshold !== undefined && result.confidence < threshold));
  }
  const byName = (left: Tally, right: Tally) => (left.model === right.model ? compare(left.agent, right.agent) : compare(left.model, right.model));
  return [...tallies.values()]
    .filter((tally) => tally.confidences.length > 0)
    .sort(byName)
    .map((tally) => summarise(tally, binCount, options.thresholdFor?.(tally.agent)));
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function summarise(tally: Tally, binCount: number, threshold: number | undefined): CalibrationGroup {
  const rated = tally.confidences.length;
  const counts = new Array<number>(binCount).fill(0);
  const confidenceSums = new Array<number>(binCount).fill(0);
  const passCounts = new Array<number>(binCount).fill(0);
  let squaredErrors = 0;
  let confidenceSum = 0;
  let passed = 0;
  const sides = { escalated: [0, 0], kept: [0, 0] };
  tally.confidences.forEach((confidence, index) => {
    const pass = tally.passes[index]!;
    const bin = binIndex(confidence, binCount);
    counts[bin]!++;
    confidenceSums[bin]! += confidence;
    if (pass) passCounts[bin]!++;
    squaredErrors += (confidence - (pass ? 1 : 0)) ** 2;
    confidenceSum += confidence;
    if (pass) passed++;
    const counted = tally.escalated[index] ? sides.escalated : sides.kept;
    counted[0]!++;
    if (pass) counted[1]!++;
  });
  const bins: ReliabilityBin[] = counts.map((count, index) => ({
    lower: index / binCount,
    upper: (index + 1) / binCount,
    count,
    meanConfidence: count === 0 ? Number.NaN : confidenceSums[index]! / count,
    passRate: count === 0 ? Number.NaN : passCounts[index]! / count,
  }));
  const expectedCalibrationError = bins.reduce((sum, bin) => (bin.count === 0 ? sum : sum + (bin.count / rated) * Math.abs(bin.passRate - bin.meanConfidence)), 0);
  return {
    model: tally.model,
    agent: tally.agent,
    ...(threshold === undefined ? {} : { threshold }),
    rated,
    passed,
    excludedErrors: tally.excludedErrors,
    bins,
    brierScore: squaredErrors / rated,
    expectedCalibrationError,
    meanConfidence: confidenceSum / rated,
    escalated: side(sides.escalated[0]!, sides.escalated[1]!),
    notEscalated: side(sides.kept[0]!, sides.kept[1]!),
  };
}
