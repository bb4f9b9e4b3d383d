// `--fail-on-regression`: the comparison with the baseline must not say `regressed`. A comparison
// with no pairs is no comparison: McNemar over nothing says "no significant change (p = 1.00)",
// so the gate fails and says why it could not compare.
import type { BaselineComparison, GateResult } from '../outputs/index.js';
import { formatPValue } from '../outputs/index.js';
import { unpairedReason } from '../statistics/index.js';

/** `note` says why there is no comparison, when there is none. */
export function regressionGate(comparison: BaselineComparison | undefined, note: string): GateResult {
  if (!comparison) return { gate: 'no-regression', passed: true, detail: note };
  const { baselineRunId, result } = comparison;
  const unpaired = unpairedReason(result);
  if (unpaired) return { gate: 'no-regression', passed: false, detail: `could not compare with ${baselineRunId}: ${unpaired}` };
  return { gate: 'no-regression', passed: result.verdict !== 'regressed', detail: `against ${baselineRunId}: ${result.verdict} (p = ${formatPValue(result.pValue)})` };
}
