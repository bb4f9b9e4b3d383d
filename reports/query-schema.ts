// Query string parsing for the pages: zod schemas for the parameters a page takes, and a parser that
// turns a mismatch into a 400 naming the parameter and what it accepts.
import { z } from 'zod';
import { badRequest } from './errors.js';
import { maximumDays } from './constants.js';

/** A non-empty, single-valued text parameter. */
export const textParameter = z.string().trim().min(1, 'must not be empty');

/** A whole number of days, 1 to maximumDays. */
export const daysParameter = z.coerce
  .number({ error: 'must be a whole number of days' })
  .int('must be a whole number of days')
  .min(1, 'must be at least 1')
  .max(maximumDays, `must be at most ${maximumDays}`);

/** A UTC day, `YYYY-MM-DD`. */
export const dayParameter = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), 'must be a real date');

export const pageNumberParameter = z.coerce.number({ error: 'must be a page number' }).int('must be a page number').min(1, 'must be at least 1');

/** Parses `query` (Fastify's parsed query string) with `schema`; throws a 400 ReportError otherwise. */
export function parseQuery<Schema extends z.ZodType>(schema: Schema, query: unknown): z.output<Schema> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return name ? `?${name} ${issue.message}` : issue.message;
  });
  throw badRequest(`Bad query parameters: ${problems.join('; ')}.`);
}
