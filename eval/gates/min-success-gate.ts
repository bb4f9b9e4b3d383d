// `--min-success <rate>`: the overall success rate (passes over scored results) must reach the rate.
// With no scored result there is no rate to compare, and the gate says so instead of printing NaN%.
import type { GateResult } from '../outputs/index.js';
import { formatPercent } from '../outputs/index.js';
import type { ResultSummary } from '../statistics/index.js';

export function minSuccessGate(overall: ResultSummary, minimum: number): GateResult {
  const rate = overall.successRate.rate;
  if (!Number.isFinite(rate)) {
    // No rate means nothing was scored: every result, if there is any, is an error.
    const errors = overall.results === 0 ? 'the run has no results' : overall.results === 1 ? 'the only result is an error' : `all ${overall.results} results are errors`;
    return { gate: 'min-success', passed: false, detail: `no scored results to take a success rate over (${errors}; minimum ${formatPercent(minimum)})` };
  }
  return { gate: 'min-success', passed: rate >= minimum, detail: `success rate ${formatPercent(rate)} (minimum ${formatPercent(minimum)})` };
}
