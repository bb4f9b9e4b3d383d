// Reads the cases of a JSONL dataset: one JSON object per line; blank lines and `//` or `#` comments are skipped.
import { JSONL_COMMENT_PREFIXES } from './constants.js';
import type { DatasetProblem } from './dataset-problem.js';
import type { RawCase, ReadCases } from './raw-case.js';

export function readJsonlCases(text: string): ReadCases {
  const cases: RawCase[] = [];
  const problems: DatasetProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((content, index) => {
    const line = index + 1;
    const trimmed = content.trim();
    if (trimmed === '' || JSONL_COMMENT_PREFIXES.some((prefix) => trimmed.startsWith(prefix))) return;
    if (trimmed === '{' || trimmed === '[') {
      problems.push({ line, message: 'not valid JSON: a case must sit whole on one line, not spread over several' });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      problems.push({ line, message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ line, message: `expected a JSON object (one case per line), got ${describeJsonType(value)}` });
      return;
    }
    cases.push({ line, input: value as Record<string, unknown>, reportedFields: new Set() });
  });
  return { cases, problems };
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
