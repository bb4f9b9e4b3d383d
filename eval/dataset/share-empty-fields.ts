// A dataset is held for the whole run, and a run may have 100,000 cases: fields left at their empty
// default share one frozen value instead of each case carrying its own empty list or object (about
// a third of a simple case's memory).
import type { GoldenCase } from '../golden-case.js';

const emptyList = Object.freeze([]) as unknown as string[];
const emptyArguments = Object.freeze({}) as GoldenCase['expected_args'];
const listFields = ['expected_tools', 'forbidden_tools', 'expected_output_contains', 'tags'] as const;

/** The same case with its empty lists and empty `expected_args` replaced by shared frozen ones. */
export function shareEmptyFields(goldenCase: GoldenCase): GoldenCase {
  for (const field of listFields) if (goldenCase[field].length === 0) goldenCase[field] = emptyList;
  if (Object.keys(goldenCase.expected_args).length === 0) goldenCase.expected_args = emptyArguments;
  return goldenCase;
}
