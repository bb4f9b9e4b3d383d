// What each golden-case field holds, read off the zod schema so that CSV conversion never keeps a second list.
import { z } from 'zod';
import { goldenCaseSchema } from '../golden-case.js';

/** How a CSV cell for the field is read: as text, a `;` list, a JSON object, a number or a yes/no. */
export type CellKind = 'text' | 'list' | 'object' | 'number' | 'boolean';

export interface CaseField {
  kind: CellKind;
  /** The case is invalid without it (it has neither a default nor `.optional()`). */
  required: boolean;
}

/** Every field of a golden case, in schema order. */
export const caseFields: ReadonlyMap<string, CaseField> = new Map(
  Object.entries(goldenCaseSchema.shape).map(([name, schema]) => [
    name,
    { kind: cellKindOf(schema), required: !schema.safeParse(undefined).success },
  ]),
);

export const caseFieldNames: readonly string[] = [...caseFields.keys()];

function cellKindOf(schema: z.ZodType): CellKind {
  let current = schema;
  // Defaults and optionality say whether a value is needed, not what it looks like.
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.ZodType;
  }
  if (current instanceof z.ZodArray) return 'list';
  if (current instanceof z.ZodRecord || current instanceof z.ZodObject) return 'object';
  if (current instanceof z.ZodNumber) return 'number';
  if (current instanceof z.ZodBoolean) return 'boolean';
  return 'text';
}
