// The lesson package: what the pipeline publishes. zod is the single source of truth; the JSON Schema
// in content/lesson-package.schema.json is derived from it (`lessonPackageJsonSchema`). The formatter's
// model fills `lessonContentSchema` (everything a writer decides); the pipeline adds the piece id and
// the metadata, then validates the whole with `validateLessonPackage`, including what JSON Schema
// cannot say (a quiz answer is one of its choices, choices differ).
import { z } from 'zod';

const text = (maximum: number) => z.string().trim().min(1).max(maximum);

export const lessonSectionSchema = z.strictObject({
  heading: text(120).describe('A short heading'),
  body: text(4000).describe('The section text, plain prose'),
});

export const keyFactSchema = z.strictObject({
  fact: text(600).describe('One fact, one sentence'),
  sources: z.array(text(300)).min(1).max(5).describe('Corpus documents or URLs the fact comes from'),
});

export const quizQuestionSchema = z.strictObject({
  question: text(400),
  choices: z.array(text(200)).min(2).max(5),
  answerIndex: z.number().int().min(0).max(4).describe('0-based index of the right choice'),
});

/** What the formatter's model writes. */
export const lessonContentSchema = z.strictObject({
  topic: text(200),
  audience: text(120),
  summary: text(1500).describe('Two or three sentences a reader sees first'),
  sections: z.array(lessonSectionSchema).min(1).max(8),
  keyFacts: z.array(keyFactSchema).min(1).max(12),
  quiz: z.array(quizQuestionSchema).min(1).max(5),
});

export const lessonMetadataSchema = z.strictObject({
  schemaVersion: z.literal(1),
  createdAt: z.iso.datetime(),
  /** The piece's confidence from its fact-check (content/README.md says how). */
  confidence: z.number().min(0).max(1),
  /** Model reference of each worker and the supervisor. */
  models: z.record(z.string(), z.string()),
  claimsChecked: z.number().int().min(0),
  claimsSupported: z.number().int().min(0),
});

const lessonPackageObject = z.strictObject({
  pieceId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'lowercase letters, digits and hyphens'),
  ...lessonContentSchema.shape,
  metadata: lessonMetadataSchema,
});

export const lessonPackageSchema = lessonPackageObject.superRefine((lesson, context) => {
  lesson.quiz.forEach((question, index) => {
    if (question.answerIndex >= question.choices.length) {
      context.addIssue({ code: 'custom', path: ['quiz', index, 'answerIndex'], message: `points past the ${question.choices.length} choices` });
    }
    if (new Set(question.choices.map((choice) => choice.toLowerCase())).size !== question.choices.length) {
      context.addIssue({ code: 'custom', path: ['quiz', index, 'choices'], message: 'choices must differ' });
    }
  });
});

export type LessonContent = z.output<typeof lessonContentSchema>;
export type LessonPackage = z.output<typeof lessonPackageSchema>;

/** The JSON Schema of a published package (refinements are checked by validateLessonPackage only). */
export function lessonPackageJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(lessonPackageObject) as Record<string, unknown>;
}

export type PackageValidation = { ok: true; lesson: LessonPackage } | { ok: false; errors: string[] };

/** Every problem, as `path: message` lines a formatter can act on. */
export function validateLessonPackage(candidate: unknown): PackageValidation {
  const parsed = lessonPackageSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, lesson: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'package'}: ${issue.message}`) };
}
