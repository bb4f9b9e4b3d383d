// Reads a rating from the model's reply. Whatever cannot be read as `{ confidence: 0-1, reasoning }`
// (no text, not JSON, a missing field, a confidence outside 0-1) counts as confidence 0, with a
// reasoning that says what was wrong: an answer nobody could vouch for goes to a person.
import { answerRatingSchema } from './rating-schema.js';

export interface ParsedRating {
  /** 0-1; 0 when the rating could not be read. */
  confidence: number;
  /** The rater's reasoning, or why the rating could not be read. */
  reasoning: string;
  readable: boolean;
}

/** How a rating that could not be read is described: it counts as 0, and says why. */
export function unreadableRating(problem: string): ParsedRating {
  return { confidence: 0, reasoning: `The rating could not be read, so it counts as 0: ${problem}.`, readable: false };
}

function describeIssues(value: unknown): string {
  const confidence = (value as { confidence?: unknown } | null)?.confidence;
  if (typeof confidence === 'number' && Number.isFinite(confidence) && (confidence < 0 || confidence > 1)) return `its confidence ${confidence} is outside 0-1`;
  const parsed = answerRatingSchema.safeParse(value);
  const issues = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the reply'}: ${issue.message}`);
  return `it is not { confidence: 0-1, reasoning } (${issues.join('; ')})`;
}

/** `finishReason` "length" says the reply was cut off, which is usually why its JSON does not parse. */
export function parseRating(content: string | null | undefined, finishReason?: string | null): ParsedRating {
  const text = content?.trim() ?? '';
  if (text === '') return unreadableRating('the reply was empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const cut = finishReason === 'length' ? ', cut off at the output token limit' : '';
    return unreadableRating(`it is not valid JSON${cut} (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = answerRatingSchema.safeParse(value);
  if (!parsed.success) return unreadableRating(describeIssues(value));
  return { confidence: parsed.data.confidence, reasoning: parsed.data.reasoning.trim(), readable: true };
}
