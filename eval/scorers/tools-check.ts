// Did the agent call the expected tools? Compared over its successful calls, in one of five modes.
import type { CheckResult } from '../../store/index.js';
import type { ToolMatchMode } from '../golden-case.js';
import { describeSequence } from './tool-calls.js';

function countOf(tools: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tool of tools) counts.set(tool, (counts.get(tool) ?? 0) + 1);
  return counts;
}

/** Where an in-order match stops: the first expected tool not found after the previous one. */
function firstMissingInOrder(expected: readonly string[], actual: readonly string[]): number {
  let position = 0;
  for (let index = 0; index < expected.length; index++) {
    const found = actual.indexOf(expected[index]!, position);
    if (found === -1) return index;
    position = found + 1;
  }
  return -1;
}

export function checkTools(expected: readonly string[], mode: ToolMatchMode, actual: readonly string[]): CheckResult {
  const calls = `calls were: ${describeSequence(actual)}`;
  const result = (passed: boolean, reason: string): CheckResult => ({ check: 'tools', passed, reason });
  switch (mode) {
    case 'strict': {
      const passed = expected.length === actual.length && expected.every((tool, index) => actual[index] === tool);
      return result(passed, passed ? `called exactly ${describeSequence(expected)}` : `expected exactly ${describeSequence(expected)}; ${calls}`);
    }
    case 'in_order': {
      const missing = firstMissingInOrder(expected, actual);
      if (missing === -1) return result(true, `called ${describeSequence(expected)} in order (${calls})`);
      const after = missing > 0 ? ` after ${expected[missing - 1]}` : '';
      return result(false, `expected ${describeSequence(expected)} in order; no ${expected[missing]}${after}; ${calls}`);
    }
    case 'unordered': {
      const wanted = countOf(expected);
      const got = countOf(actual);
      const missing = [...wanted].filter(([tool, count]) => (got.get(tool) ?? 0) < count).map(([tool]) => tool);
      const extra = [...got].filter(([tool, count]) => count > (wanted.get(tool) ?? 0)).map(([tool]) => tool);
      const passed = missing.length === 0 && extra.length === 0;
      return result(
        passed,
        passed ? `called ${expected.join(', ')} in some order` : `expected ${expected.join(', ')} in any order; missing: ${missing.join(', ') || '—'}; extra: ${extra.join(', ') || '—'}; ${calls}`,
      );
    }
    case 'subset': {
      const outside = [...new Set(actual.filter((tool) => !expected.includes(tool)))];
      const passed = outside.length === 0;
      return result(passed, passed ? `every call was one of ${expected.join(', ') || '(none)'}` : `called tools outside ${expected.join(', ') || '(none)'}: ${outside.join(', ')}; ${calls}`);
    }
    case 'superset': {
      const never = expected.filter((tool) => !actual.includes(tool));
      const passed = never.length === 0;
      return result(passed, passed ? `called every one of ${expected.join(', ')}` : `never called: ${never.join(', ')}; ${calls}`);
    }
  }
}
