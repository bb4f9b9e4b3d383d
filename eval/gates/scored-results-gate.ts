// A run with no scored result has no verdict, and must never read as a pass: every case of a dead
// endpoint is an `error`, errors are left out of the success rate, and nothing else would fail.
// Always on, whatever --max-errors says; listed only when it fails.
import type { GateResult } from '../outputs/index.js';
import type { ErrorGroup, ResultSummary } from '../statistics/index.js';
import { describeErrorGroups } from './describe-errors.js';

export function scoredResultsGate(overall: ResultSummary, errorGroups: readonly ErrorGroup[]): GateResult | undefined {
  if (overall.passed + overall.failed > 0) return undefined;
  if (overall.results === 0) return { gate: 'scored-results', passed: false, detail: 'no scored results: the run has no results' };
  const all = overall.results === 1 ? 'the only result is an error' : `all ${overall.results} results are errors`;
  return { gate: 'scored-results', passed: false, detail: `no scored results: ${all}: ${describeErrorGroups(errorGroups)}` };
}
