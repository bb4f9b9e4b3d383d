// What a rating is: the zod schema of `{ confidence, reasoning }`, the single source of the JSON
// Schema sent as the request's response_format.
import { z } from 'zod';
import { RATING_SCHEMA_NAME } from './constants.js';

export const answerRatingSchema = z.object({
  confidence: z.number().min(0).max(1).describe('Probability from 0 to 1 that the answer fully and correctly achieves the goal.'),
  reasoning: z.string().describe('One or two sentences on why.'),
});

export type AnswerRating = z.output<typeof answerRatingSchema>;

/** The response_format of a rating request (strict: the object must have exactly these fields). */
export function ratingResponseFormat(): { type: 'json_schema'; json_schema: { name: string; schema: Record<string, unknown>; strict: boolean } } {
  return { type: 'json_schema', json_schema: { name: RATING_SCHEMA_NAME, schema: z.toJSONSchema(answerRatingSchema) as Record<string, unknown>, strict: true } };
}
