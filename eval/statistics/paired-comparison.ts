// Paired comparison of results on the same cases: a run against a baseline run, or two models within
// one run. Pairs feed the exact McNemar test and name the cases that flipped.
import type { CaseOutcome } from '../../store/index.js';
import { SIGNIFICANCE_LEVEL } from './constants.js';
import { exactMcNemar, type McNemarResult, type PairedOutcome } from './exact-mcnemar.js';

export interface FlippedCase {
  caseId: string;
  agent: string;
  /** Absent when two models of one run were compared: the pair then spans both. */
  model?: string;
  epoch: number;
}

export interface PairedComparison extends McNemarResult {
  /** Pairs that entered the test: a pass or a fail on both sides. */
  paired: number;
  /** Pairs left out because either side was an error: an error says nothing about the agent. */
  excludedErrors: number;
  /** Results with no partner on the other side (a case, agent, model or epoch only one side ran). */
  unmatched: { baseline: number; candidate: number };
  flipped: {
    /** Passed in the baseline, failed in the candidate. */
    regressions: FlippedCase[];
    /** Failed in the baseline, passed in the candidate. */
    improvements: FlippedCase[];
  };
}

type PairKey = (result: CaseOutcome) => string;

function byCaseAgentModelEpoch(result: CaseOutcome): string {
  return JSON.stringify([result.caseId, result.agent, result.model, result.epoch]);
}

function byCaseAgentEpoch(result: CaseOutcome): string {
  return JSON.stringify([result.caseId, result.agent, result.epoch]);
}

function compareFlipped(left: FlippedCase, right: FlippedCase): number {
  return left.caseId.localeCompare(right.caseId) || left.agent.localeCompare(right.agent) || (left.model ?? '').localeCompare(right.model ?? '') || left.epoch - right.epoch;
}

function comparePaired(
  baseline: readonly CaseOutcome[],
  candidate: readonly CaseOutcome[],
  key: PairKey,
  flipped: (result: CaseOutcome) => FlippedCase,
  alpha: number,
): PairedComparison {
  // A store holds one result per key; should a list hold two, the later one stands.
  const baselineByKey = new Map(baseline.map((result) => [key(result), result]));
  const candidateByKey = new Map(candidate.map((result) => [key(result), result]));
  const outcomes: PairedOutcome[] = [];
  const regressions: FlippedCase[] = [];
  const improvements: FlippedCase[] = [];
  let excludedErrors = 0;
  for (const [pairKey, after] of candidateByKey) {
    const before = baselineByKey.get(pairKey);
    if (!before) continue;
    if (before.status === 'error' || after.status === 'error') {
      excludedErrors++;
      continue;
    }
    const outcome = { baselinePassed: before.status === 'pass', candidatePassed: after.status === 'pass' };
    outcomes.push(outcome);
    if (outcome.baselinePassed && !outcome.candidatePassed) regressions.push(flipped(after));
    if (!outcome.baselinePassed && outcome.candidatePassed) improvements.push(flipped(after));
  }
  const matched = outcomes.length + excludedErrors;
  return {
    ...exactMcNemar(outcomes, alpha),
    paired: outcomes.length,
    excludedErrors,
    unmatched: { baseline: baselineByKey.size - matched, candidate: candidateByKey.size - matched },
    flipped: { regressions: regressions.sort(compareFlipped), improvements: improvements.sort(compareFlipped) },
  };
}

/** A run against its baseline, pairing results by case, agent, model and epoch. */
export function compareRuns(baseline: readonly CaseOutcome[], candidate: readonly CaseOutcome[], alpha: number = SIGNIFICANCE_LEVEL): PairedComparison {
  return comparePaired(baseline, candidate, byCaseAgentModelEpoch, ({ caseId, agent, model, epoch }) => ({ caseId, agent, model, epoch }), alpha);
}

/**
 * Two models of one run, pairing results by case, agent and epoch. `baselineModel` plays the
 * baseline: `regressed` means `candidateModel` passes significantly fewer of the same cases.
 */
export function compareModels(
  results: readonly CaseOutcome[],
  baselineModel: string,
  candidateModel: string,
  alpha: number = SIGNIFICANCE_LEVEL,
): PairedComparison {
  return comparePaired(
    results.filter((result) => result.model === baselineModel),
    results.filter((result) => result.model === candidateModel),
    byCaseAgentEpoch,
    ({ caseId, agent, epoch }) => ({ caseId, agent, epoch }),
    alpha,
  );
}
