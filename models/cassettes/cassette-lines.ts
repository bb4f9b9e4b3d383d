// The lines of a cassette file (JSONL), one per line: a header naming the cell and the eval it was
// recorded in, an exchange per request in the order they were made, and a closing line with the
// cell's measured latency. Every line carries a digest of its own contents, so a line edited by
// hand (or cut short) is refused with its file and line number instead of replaying something the
// endpoint never said.
import { z } from 'zod';
import { canonicalJson, shortHash } from './canonical-json.js';
import { CASSETTE_VERSION, DIGEST_LENGTH } from './constants.js';
import { recordedResponseSchema } from './recorded-response.js';

/** One cell of the matrix: what a cassette file holds the model calls of. */
export const cellIdentitySchema = z.strictObject({
  case: z.string(),
  agent: z.string(),
  model: z.string(),
  epoch: z.number().int().min(1),
});
export type CellIdentity = z.infer<typeof cellIdentitySchema>;

/** The eval a cassette was recorded in: shown when a replay of another dataset or matrix misses. */
export const recordedEvalSchema = z.strictObject({
  dataset: z.strictObject({ path: z.string(), hash: z.string() }),
  matrix: z.strictObject({ agents: z.array(z.string()), models: z.array(z.string()), epochs: z.number().int(), seed: z.number().int() }),
});
export type RecordedEval = z.infer<typeof recordedEvalSchema>;

export const headerLineSchema = z.strictObject({
  type: z.literal('cassette'),
  version: z.literal(CASSETTE_VERSION),
  cell: cellIdentitySchema,
  ...recordedEvalSchema.shape,
  digest: z.string(),
});
export type HeaderLine = z.infer<typeof headerLineSchema>;

export const cassetteRequestSchema = z.strictObject({
  method: z.string(),
  path: z.string(),
  attempt: z.number().int().min(0).optional(),
  body: z.unknown().optional(),
  bodyText: z.string().optional(),
});

export const exchangeLineSchema = z.strictObject({
  type: z.literal('exchange'),
  key: z.string(),
  /** 0 for the first time the cell made this request, 1 for the second… */
  occurrence: z.number().int().min(0),
  request: cassetteRequestSchema,
  response: recordedResponseSchema,
  digest: z.string(),
});
export type ExchangeLine = z.infer<typeof exchangeLineSchema>;

export const endLineSchema = z.strictObject({
  type: z.literal('cell-end'),
  exchanges: z.number().int().min(0),
  /** The cell's wall time when recorded: what a replay scores max_latency_ms against. */
  latencyMs: z.number().min(0),
  digest: z.string(),
});
export type EndLine = z.infer<typeof endLineSchema>;

export const cassetteLineSchema = z.discriminatedUnion('type', [headerLineSchema, exchangeLineSchema, endLineSchema]);
export type CassetteLine = z.infer<typeof cassetteLineSchema>;

/** The digest of a line: a hash of its contents without the digest itself, keys sorted. */
export function lineDigest(line: Record<string, unknown>): string {
  const { digest: _digest, ...contents } = line;
  return shortHash(canonicalJson(contents), DIGEST_LENGTH);
}

/** A line as written: its fields in the order given, then its digest. */
export function serializeLine(line: Record<string, unknown>): string {
  return JSON.stringify({ ...line, digest: lineDigest(line) });
}
