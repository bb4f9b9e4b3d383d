// Validates one case with the zod schema and words each issue for a dataset author.
import { z } from 'zod';
import { goldenCaseSchema } from '../golden-case.js';
import type { GoldenCase } from '../golden-case.js';
import { caseFieldNames } from './case-fields.js';
import { closestName } from './closest-name.js';
import { RENAMED_VALUES } from './constants.js';
import type { DatasetProblem } from './dataset-problem.js';
import { quoteValue } from './quote-value.js';
import { shareEmptyFields } from './share-empty-fields.js';
import type { RawCase } from './raw-case.js';

export type CaseValidation = { goldenCase: GoldenCase; problems?: undefined } | { goldenCase?: undefined; problems: DatasetProblem[] };

export function validateCase(raw: RawCase): CaseValidation {
  const result = goldenCaseSchema.safeParse(raw.input);
  if (result.success) return { goldenCase: shareEmptyFields(result.data) };
  const problems = result.error.issues.flatMap((issue): DatasetProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ line: raw.line, message: describeUnknownField(key) }));
    }
    if (raw.reportedFields.has(String(issue.path[0]))) return [];
    const field = issue.path.length === 0 ? undefined : z.core.toDotPath(issue.path);
    return [{ line: raw.line, field, message: describeIssue(issue, valueAt(raw.input, issue.path)) }];
  });
  return { problems };
}

/** `unknown field "expected_tool" (did you mean "expected_tools"?)`, or the accepted fields when nothing is close. */
export function describeUnknownField(name: string, noun = 'field'): string {
  const suggestion = closestName(name, caseFieldNames);
  return suggestion === undefined
    ? `unknown ${noun} ${quoteValue(name)}; accepted: ${caseFieldNames.join(', ')}`
    : `unknown ${noun} ${quoteValue(name)} (did you mean ${quoteValue(suggestion)}?)`;
}

const typeNames: Record<string, string> = {
  array: 'a list',
  record: 'an object',
  object: 'an object',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

// zod's own messages start with these words; messages the schema wrote itself (`must not be empty`) are kept as they are.
const defaultMessage = /^(Invalid input|Invalid option|Too small|Too big):/;

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (!defaultMessage.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'required field is missing';
      return `expected ${typeNames[issue.expected] ?? issue.expected}, got ${quoteValue(value)}`;
    case 'invalid_value':
      return describeInvalidValue(String(issue.path[0]), issue.values, value);
    case 'too_small':
      if (issue.origin === 'number') {
        return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}, got ${quoteValue(value)}`;
      }
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return issue.message.replace(defaultMessage, '').trim();
    case 'too_big':
      return issue.origin === 'number'
        ? `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}, got ${quoteValue(value)}`
        : issue.message.replace(defaultMessage, '').trim();
    default:
      return issue.message;
  }
}

/** `expected one of …, got "inorder" (did you mean "in_order"?)`; a value that was renamed says so. */
function describeInvalidValue(field: string, accepted: readonly unknown[], value: unknown): string {
  const renamed = typeof value === 'string' && Object.hasOwn(RENAMED_VALUES[field] ?? {}, value) ? RENAMED_VALUES[field]![value] : undefined;
  if (renamed) {
    return `${quoteValue(value)} is the old name of ${quoteValue(renamed.renamed)} (did you mean ${quoteValue(renamed.renamed)}?): ${renamed.meaning}`;
  }
  const options = accepted.map((option) => String(option));
  const suggestion = typeof value === 'string' ? closestName(value, options) : undefined;
  const hint = suggestion === undefined ? '' : ` (did you mean ${quoteValue(suggestion)}?)`;
  return `expected one of ${accepted.map((option) => quoteValue(option)).join(', ')}, got ${quoteValue(value)}${hint}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

