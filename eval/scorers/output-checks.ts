// Does the answer say what it should: every listed string, and the pattern when one is given?
import type { CheckResult } from '../../store/index.js';

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `"${flat.slice(0, 120)}…"` : `"${flat}"`;
}

export function checkOutputContains(output: string, expected: readonly string[], caseSensitive: boolean): CheckResult {
  const haystack = caseSensitive ? output : output.toLowerCase();
  const missing = expected.filter((text) => !haystack.includes(caseSensitive ? text : text.toLowerCase()));
  const how = caseSensitive ? '' : ' (ignoring case)';
  return missing.length === 0
    ? { check: 'output_contains', passed: true, reason: `the answer contains ${expected.map((text) => `"${text}"`).join(', ')}${how}` }
    : { check: 'output_contains', passed: false, reason: `the answer lacks ${missing.map((text) => `"${text}"`).join(', ')}${how}; it was ${preview(output)}` };
}

export function checkOutputRegex(output: string, pattern: string, caseSensitive: boolean): CheckResult {
  const expression = new RegExp(pattern, caseSensitive ? 'u' : 'iu');
  return expression.test(output)
    ? { check: 'output_regex', passed: true, reason: `the answer matches /${pattern}/` }
    : { check: 'output_regex', passed: false, reason: `the answer does not match /${pattern}/${caseSensitive ? '' : 'i'}; it was ${preview(output)}` };
}
