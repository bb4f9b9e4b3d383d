// The dialects the normaliser knows, most specific first: a Vercel AI SDK model span also carries
// GenAI names, and a Traceloop one may, so each is read by its own dialect before the conventions'.
import { genAiDialect } from './gen-ai-dialect.js';
import { openInferenceDialect } from './open-inference-dialect.js';
import type { SpanDialect } from './span-dialect.js';
import { traceloopDialect } from './traceloop-dialect.js';
import { vercelAiDialect } from './vercel-ai-dialect.js';

export const spanDialects: SpanDialect[] = [vercelAiDialect, openInferenceDialect, traceloopDialect, genAiDialect];

/** Adds a dialect, read before every dialect already known (it is presumably more specific). */
export function registerSpanDialect(dialect: SpanDialect): void {
  if (spanDialects.some((known) => known.name === dialect.name)) throw new Error(`A span dialect named ${JSON.stringify(dialect.name)} is already registered.`);
  spanDialects.unshift(dialect);
}
