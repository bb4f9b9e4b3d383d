// Did some successful call of each tool carry the expected arguments? `superset` (the call carries at
// least them, as agentevals' superset means) or `exact`.
import { isDeepStrictEqual } from 'node:util';
import type { CheckResult } from '../../store/index.js';
import type { ArgsMatchMode } from '../golden-case.js';
import type { ToolCallView } from './tool-calls.js';

function matches(actual: Record<string, unknown>, expected: Record<string, unknown>, mode: ArgsMatchMode): boolean {
  if (mode === 'exact') return isDeepStrictEqual(actual, expected);
  return Object.entries(expected).every(([key, value]) => Object.hasOwn(actual, key) && isDeepStrictEqual(actual[key], value));
}

export function checkArguments(expected: Record<string, Record<string, unknown>>, mode: ArgsMatchMode, calls: readonly ToolCallView[]): CheckResult[] {
  const qualifier = mode === 'exact' ? 'exactly ' : '';
  return Object.entries(expected).map(([tool, wanted]) => {
    const candidates = calls.filter((call) => call.ok && call.tool === tool);
    const hit = candidates.some((call) => call.arguments && matches(call.arguments, wanted, mode));
    const wantedText = JSON.stringify(wanted);
    if (hit) return { check: `arguments:${tool}`, passed: true, reason: `${tool} was called with ${qualifier}${wantedText}` };
    const seen = candidates.map((call) => JSON.stringify(call.arguments ?? {})).slice(0, 3);
    return {
      check: `arguments:${tool}`,
      passed: false,
      reason: candidates.length === 0 ? `${tool} was never called successfully; expected arguments ${wantedText}` : `no ${tool} call had ${qualifier}${wantedText}; its calls had ${seen.join(', ')}`,
    };
  });
}
