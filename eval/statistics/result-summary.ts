// The figures of one set of results — a (model, agent) group or a whole run: counts, the success rate
// with its interval, pass@k and pass^k over epochs, tokens, latency, cost and flaky cases.
import type { CaseOutcome } from '../../store/index.js';
import { tallyCases } from './case-tally.js';
import { passAtKOverTasks } from './pass-at-k.js';
import { passHatKOverTasks } from './pass-hat-k.js';
import { percentile } from './percentile.js';
import type { TaskAttempts } from './task-attempts.js';
import { wilsonInterval, type WilsonInterval } from './wilson-interval.js';

export interface ResultSummary {
  results: number;
  passed: number;
  failed: number;
  /** Crashes and endpoint failures: counted apart and left out of every rate but `errorShare` and `passHatKCountingErrors`. */
  errors: number;
  /** errors / results: how much of the run has no verdict; NaN when there are no results. */
  errorShare: number;
  /** Distinct (case, agent, model) cells. */
  cases: number;
  /** Wilson 95% interval over passed / (passed + failed). */
  successRate: WilsonInterval;
  /** The k of `passAtK` and `passHatK`; 0 when no case had a graded epoch. */
  k: number;
  /** Mean over cases of the unbiased pass@k over their graded epochs; NaN when no case had k. */
  passAtK: number;
  /** Mean over cases of the unbiased pass^k (all k tries pass); NaN when no case had k. */
  passHatK: number;
  /** Cases with at least k graded epochs: the ones pass@k and pass^k average over. */
  casesAtK: number;
  /**
   * pass^k over every epoch, an error counted as a failed try (as τ-bench does): what a user of the
   * agent sees, endpoint failures included. NaN when no case had k epochs.
   */
  passHatKCountingErrors: number;
  /** Cases with at least k epochs of any status: the ones `passHatKCountingErrors` averages over. */
  casesAtKCountingErrors: number;
  /** Input + output tokens per result: percentiles over graded results, total over all (errors spend too). */
  tokens: { p50: number; p95: number; total: number };
  /** Percentiles over graded results, so fast endpoint failures and timeouts do not skew them. */
  latencyMs: { p50: number; p95: number };
  /** USD over the results that have a price, errors included; undefined when none has. */
  costUsd?: number;
  /** Cost of priced results / their passes; undefined without a price or without a pass. */
  costPerSuccess?: number;
  /** Flaky cases: passed in some epochs and failed in others. */
  flaky: number;
}

/** Summarise `results` with pass@k and pass^k at `k` (a whole number ≥ 1, or 0 for none). */
export function summarizeResultSet(results: readonly CaseOutcome[], k: number): ResultSummary {
  const graded = results.filter((result) => result.status !== 'error');
  const passed = graded.filter((result) => result.status === 'pass').length;
  const tallies = tallyCases(results);
  const tasks: TaskAttempts[] = tallies.map((tally) => ({ n: tally.passed + tally.failed, c: tally.passed }));
  const tasksAtK = k >= 1 ? tasks.filter((task) => task.n >= k) : [];
  const everyEpoch: TaskAttempts[] = tallies.map((tally) => ({ n: tally.passed + tally.failed + tally.errors, c: tally.passed }));
  const everyEpochAtK = k >= 1 ? everyEpoch.filter((task) => task.n >= k) : [];
  const gradedTokens = graded.map((result) => result.inputTokens + result.outputTokens);
  const gradedLatency = graded.map((result) => result.latencyMs);
  const priced = results.filter((result) => result.costUsd !== undefined);
  const costUsd = priced.length > 0 ? priced.reduce((total, result) => total + result.costUsd!, 0) : undefined;
  const pricedPasses = priced.filter((result) => result.status === 'pass').length;
  return {
    results: results.length,
    passed,
    failed: graded.length - passed,
    errors: results.length - graded.length,
    errorShare: results.length > 0 ? (results.length - graded.length) / results.length : Number.NaN,
    cases: tallies.length,
    successRate: wilsonInterval(passed, graded.length),
    k,
    passAtK: tasksAtK.length > 0 ? passAtKOverTasks(tasksAtK, k) : Number.NaN,
    passHatK: tasksAtK.length > 0 ? passHatKOverTasks(tasksAtK, k) : Number.NaN,
    casesAtK: tasksAtK.length,
    passHatKCountingErrors: everyEpochAtK.length > 0 ? passHatKOverTasks(everyEpochAtK, k) : Number.NaN,
    casesAtKCountingErrors: everyEpochAtK.length,
    tokens: {
      p50: percentile(gradedTokens, 50),
      p95: percentile(gradedTokens, 95),
      total: results.reduce((total, result) => total + result.inputTokens + result.outputTokens, 0),
    },
    latencyMs: { p50: percentile(gradedLatency, 50), p95: percentile(gradedLatency, 95) },
    ...(costUsd !== undefined ? { costUsd } : {}),
    ...(costUsd !== undefined && pricedPasses > 0 ? { costPerSuccess: costUsd / pricedPasses } : {}),
    flaky: tallies.filter((tally) => tally.passed > 0 && tally.failed > 0).length,
  };
}
