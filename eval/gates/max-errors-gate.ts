// `--max-errors <rate>`: the share of results that are errors (endpoint failures, crashes, timeouts)
// may not exceed the rate. Errors stay out of the success rate, so this is what stops a run whose
// endpoint failed half the time from passing on the other half.
import type { GateResult } from '../outputs/index.js';
import { formatPercent } from '../outputs/index.js';
import type { ErrorGroup, ResultSummary } from '../statistics/index.js';
import { describeErrorGroups } from './describe-errors.js';

/** Undefined when `maximum` is 1 or more: `--max-errors 100%` turns the gate off. */
export function maxErrorsGate(overall: ResultSummary, maximum: number, errorGroups: readonly ErrorGroup[]): GateResult | undefined {
  if (maximum >= 1) return undefined;
  // A run with no results has no error share; the scored-results gate speaks for it.
  const share = overall.results > 0 ? overall.errorShare : 0;
  const passed = share <= maximum;
  const measured = `error share ${formatPercent(share)} (${overall.errors} of ${overall.results} results`;
  if (passed) return { gate: 'max-errors', passed, detail: `${measured}; maximum ${formatPercent(maximum)})` };
  return { gate: 'max-errors', passed, detail: `${measured}) exceeds the maximum ${formatPercent(maximum)}: ${describeErrorGroups(errorGroups, 1)}` };
}
