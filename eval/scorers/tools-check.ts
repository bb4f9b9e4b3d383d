// Did the agent call the expected tools? Compared over its successful calls, in one of five modes.
// Every mode counts repeated calls: `subset` and `superset` compare multisets, as LangChain's
// agentevals does (superset: the calls include every expected one; subset: every call is one of the
// expected ones). The truth table is in eval/README.md, with a test per row.
import type { CheckResult } from '../../store/index.js';
import type { ToolMatchMode } from '../golden-case.js';
import { describeSequence } from './tool-calls.js';

function countOf(tools: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tool of tools) counts.set(tool, (counts.get(tool) ?? 0) + 1);
  return counts;
}

/** Expected calls the actual ones do not cover, counting repeats: `calculator`, `search_web (1 of 2 calls)`. */
function missingCalls(expected: readonly string[], actual: readonly string[]): string[] {
  const made = countOf(actual);
  return [...countOf(expected)]
    .filter(([tool, wanted]) => (made.get(tool) ?? 0) < wanted)
    .map(([tool, wanted]) => {
      const got = made.get(tool) ?? 0;
      return got === 0 && wanted === 1 ? tool : `${tool} (${got} of ${wanted} calls)`;
    });
}

/** Actual calls beyond what the expected ones allow, counting repeats: `delete_file`, `search_web (2 calls, 1 expected)`. */
function extraCalls(expected: readonly string[], actual: readonly string[]): string[] {
  const allowed = countOf(expected);
  return [...countOf(actual)]
    .filter(([tool, made]) => made > (allowed.get(tool) ?? 0))
    .map(([tool, made]) => {
      const limit = allowed.get(tool) ?? 0;
      if (limit > 0) return `${tool} (${made} calls, ${limit} expected)`;
      return made === 1 ? tool : `${tool} (${made} calls)`;
    });
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

/**
 * `actual` holds the successful calls, which are what is compared; `failedAttempts` (calls that
 * errored) are only named in the reason, so "calls were: (none)" does not hide that the agent tried.
 */
export function checkTools(expected: readonly string[], mode: ToolMatchMode, actual: readonly string[], failedAttempts: readonly string[] = []): CheckResult {
  const attempts = failedAttempts.length > 0 ? `; failed attempts, not counted: ${describeSequence(failedAttempts)}` : '';
  const calls = `calls were: ${describeSequence(actual)}${attempts}`;
  const listed = expected.length === 0 ? '(none)' : expected.join(', ');
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
      const missing = missingCalls(expected, actual);
      const extra = extraCalls(expected, actual);
      const passed = missing.length === 0 && extra.length === 0;
      return result(
        passed,
        passed ? `called ${listed} in some order` : `expected ${listed} in any order; missing: ${missing.join(', ') || '—'}; extra: ${extra.join(', ') || '—'}; ${calls}`,
      );
    }
    case 'subset': {
      const outside = extraCalls(expected, actual);
      const passed = outside.length === 0;
      return result(passed, passed ? `every call was one of ${listed}` : `called tools beyond ${listed}: ${outside.join(', ')}; ${calls}`);
    }
    case 'superset': {
      const missing = missingCalls(expected, actual);
      const passed = missing.length === 0;
      return result(passed, passed ? `called at least ${listed}` : `expected at least ${listed}; missing: ${missing.join(', ')}; ${calls}`);
    }
  }
}
